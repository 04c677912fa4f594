import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { BucketOperations } from './bucket-storage';

/** An in-memory bucket store standing in for S3/GCS in unit tests. */
export function inMemoryBucket(): BucketOperations & {
  objects: Map<string, { body: Uint8Array; contentType?: string | undefined }>;
  failWith?: Error | undefined;
} {
  const objects = new Map<string, { body: Uint8Array; contentType?: string | undefined }>();
  const store = {
    objects,
    failWith: undefined as Error | undefined,
    check() {
      if (store.failWith) throw store.failWith;
    },
    async getObject(bucket: string, key: string) {
      store.check();
      const object = objects.get(`${bucket}/${key}`);
      if (object === undefined)
        throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
      return object.body;
    },
    async getObjectToFile(bucket: string, key: string, localPath: string) {
      const body = await store.getObject(bucket, key);
      await mkdir(dirname(localPath), { recursive: true });
      await writeFile(localPath, body);
    },
    async putObject(bucket: string, key: string, body: Uint8Array, contentType?: string) {
      store.check();
      objects.set(`${bucket}/${key}`, { body, contentType });
    },
    async putObjectFromFile(bucket: string, key: string, localPath: string, contentType?: string) {
      await store.putObject(bucket, key, new Uint8Array(await readFile(localPath)), contentType);
    },
    async headObject(bucket: string, key: string) {
      store.check();
      return objects.has(`${bucket}/${key}`);
    },
    async listKeys(bucket: string, prefix: string) {
      store.check();
      return [...objects.keys()]
        .filter((name) => name.startsWith(`${bucket}/${prefix}`))
        .map((name) => name.slice(bucket.length + 1));
    },
  };
  return store;
}
