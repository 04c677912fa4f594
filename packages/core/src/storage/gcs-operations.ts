import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { MissingDependencyError } from '../errors/missing-dependency-error';
import type { BucketOperations } from './bucket-storage';

// The slice of @google-cloud/storage used here, typed structurally: the SDK is an optional peer
// that is not installed for type checking.
interface GcsFile {
  name: string;
  download(options?: { destination?: string }): Promise<[Buffer]>;
  save(data: Uint8Array, options?: { contentType?: string | undefined; resumable?: boolean }): Promise<void>;
  exists(): Promise<[boolean]>;
}
interface GcsBucket {
  file(name: string): GcsFile;
  upload(
    localPath: string,
    options: { destination: string; contentType?: string | undefined },
  ): Promise<unknown>;
  getFiles(options: { prefix: string; autoPaginate?: boolean }): Promise<[GcsFile[]]>;
}
interface GcsClient {
  bucket(name: string): GcsBucket;
}
interface GcsModule {
  Storage: new (options?: Record<string, unknown>) => GcsClient;
}

/** Imports `@google-cloud/storage` on first use: it is an optional peer dependency. */
async function loadGcsSdk(): Promise<GcsModule> {
  const specifier = '@google-cloud/storage';
  try {
    return (await import(/* @vite-ignore */ specifier)) as GcsModule;
  } catch (error) {
    throw new MissingDependencyError({
      dependency: '@google-cloud/storage',
      message:
        'gs:// URIs need the optional peer dependency @google-cloud/storage; install it next to @tasklens/core (npm install @google-cloud/storage)',
      cause: error,
    });
  }
}

/** BucketOperations over @google-cloud/storage with Application Default Credentials (Workload Identity). */
export async function createGcsOperations(
  loadModule: () => Promise<GcsModule> = loadGcsSdk,
): Promise<BucketOperations> {
  const { Storage } = await loadModule();
  const client = new Storage();
  return {
    async getObject(bucket, key) {
      const [contents] = await client.bucket(bucket).file(key).download();
      return new Uint8Array(contents);
    },
    async getObjectToFile(bucket, key, localPath) {
      await mkdir(dirname(localPath), { recursive: true });
      await client.bucket(bucket).file(key).download({ destination: localPath });
    },
    async putObject(bucket, key, body, contentType) {
      await client.bucket(bucket).file(key).save(body, { contentType, resumable: false });
    },
    async putObjectFromFile(bucket, key, localPath, contentType) {
      await client.bucket(bucket).upload(localPath, { destination: key, contentType });
    },
    async headObject(bucket, key) {
      const [exists] = await client.bucket(bucket).file(key).exists();
      return exists;
    },
    async listKeys(bucket, prefix) {
      const [files] = await client.bucket(bucket).getFiles({ prefix, autoPaginate: true });
      return files.map((file) => file.name);
    },
  };
}
