import { mkdirSync } from 'node:fs';
import { basename, join, resolve, sep } from 'node:path';
import { randomHex } from '../ids/random-hex';
import { BucketStorage } from './bucket-storage';
import { createGcsOperations } from './gcs-operations';
import { LocalStorage } from './local-storage';
import { createSdkS3Operations } from './s3-operations';
import { s3SettingsFromEnvironment } from './s3-settings';
import { joinUri, type StorageAdapter, uriScheme, type WriteOptions } from './storage-adapter';
import { StorageError } from './storage-error';

export interface FileAccessOptions {
  /** Where blobs a task produces go (`--raw-output-data-prefix`); required. */
  rawOutputPrefix: string;
  /** Local directory downloads land in; required. */
  localDirectory: string;
  /** Environment the cloud clients read (`FLYTE_AWS_*`); default `process.env`. */
  environment?: Readonly<Record<string, string | undefined>> | undefined;
  /** Adapters by URI scheme (`file`, `s3`, `gs`), replacing the built-in ones; for tests and other stores. */
  adapters?: Readonly<Record<string, StorageAdapter>> | undefined;
}

/** Runs `action` over `items` with at most `limit` in flight (directory transfers). */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  action: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await action(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Parallel transfers per directory upload or download. */
const directoryConcurrency = 8;

/** 32 random hex characters, flytekit's random path segment. */
export function randomHex32(): string {
  return randomHex(16);
}

/**
 * flytekit's `FileAccessProvider`: one object that reads and writes any supported URI and knows
 * the task's raw-output prefix and local scratch directory.
 */
export class FileAccess {
  readonly rawOutputPrefix: string;
  readonly localDirectory: string;
  private readonly environment: Readonly<Record<string, string | undefined>>;
  private readonly adapters = new Map<string, StorageAdapter>();

  constructor(options: FileAccessOptions) {
    this.rawOutputPrefix = options.rawOutputPrefix;
    this.localDirectory = options.localDirectory;
    this.environment = options.environment ?? process.env;
    for (const [scheme, adapter] of Object.entries(options.adapters ?? {}))
      this.adapters.set(scheme, adapter);
  }

  /** The adapter for a URI's scheme; cloud SDKs load only when first used. */
  adapterFor(uri: string): StorageAdapter {
    const scheme = uriScheme(uri);
    let adapter = this.adapters.get(scheme);
    if (adapter === undefined) {
      if (scheme === 'file') adapter = new LocalStorage();
      else if (scheme === 's3') {
        const settings = s3SettingsFromEnvironment(this.environment);
        adapter = new BucketStorage(() => createSdkS3Operations(settings));
      } else if (scheme === 'gs') adapter = new BucketStorage(() => createGcsOperations());
      else {
        throw new StorageError({
          uri,
          message: `Unsupported storage scheme ${scheme}:// in ${uri}; supported: file://, s3://, gs:// and local paths`,
        });
      }
      this.adapters.set(scheme, adapter);
    }
    return adapter;
  }

  read(uri: string): Promise<Uint8Array> {
    return this.adapterFor(uri).read(uri);
  }

  write(uri: string, data: Uint8Array | string, options?: WriteOptions): Promise<void> {
    const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
    return this.adapterFor(uri).write(uri, bytes, options);
  }

  exists(uri: string): Promise<boolean> {
    return this.adapterFor(uri).exists(uri);
  }

  downloadFile(uri: string, localPath: string): Promise<void> {
    return this.adapterFor(uri).downloadFile(uri, localPath);
  }

  uploadFile(localPath: string, uri: string, options?: WriteOptions): Promise<void> {
    return this.adapterFor(uri).uploadFile(localPath, uri, options);
  }

  /**
   * Downloads every object under `uri` into `localDirectory`, keeping relative paths. S3 and GCS
   * allow object names with `../`; one that would land outside `localDirectory` fails the whole
   * download before anything is written (it could overwrite the task's code).
   */
  async downloadDirectory(uri: string, localDirectory: string): Promise<void> {
    mkdirSync(localDirectory, { recursive: true });
    const adapter = this.adapterFor(uri);
    const root = resolve(localDirectory);
    const targets = (await adapter.list(uri)).map((relativePath) => {
      const target = resolve(root, ...relativePath.split('/'));
      if (!target.startsWith(root + sep)) {
        throw new StorageError({
          uri: joinUri(uri, relativePath),
          message: `Refusing to download ${joinUri(uri, relativePath)}: its name ${JSON.stringify(relativePath)} leads outside the download directory`,
        });
      }
      return { relativePath, target };
    });
    await forEachLimited(targets, directoryConcurrency, ({ relativePath, target }) =>
      adapter.downloadFile(joinUri(uri, relativePath), target),
    );
  }

  /** Uploads every file below `localDirectory` to `uri`, keeping relative paths. */
  async uploadDirectory(localDirectory: string, uri: string): Promise<void> {
    const files = await new LocalStorage().list(localDirectory);
    const adapter = this.adapterFor(uri);
    await forEachLimited(files, directoryConcurrency, (relativePath) =>
      adapter.uploadFile(join(localDirectory, ...relativePath.split('/')), joinUri(uri, relativePath)),
    );
  }

  /** `<raw output prefix>/<32 hex>/<name>`, flytekit's `get_random_remote_path` (name defaults to 32 hex). */
  randomRemotePath(name?: string): string {
    return joinUri(this.rawOutputPrefix, randomHex32(), name === undefined ? randomHex32() : basename(name));
  }

  /** `<raw output prefix>/<32 hex>`, flytekit's `get_random_remote_directory`. */
  randomRemoteDirectory(): string {
    return joinUri(this.rawOutputPrefix, randomHex32());
  }

  /** A fresh `<local directory>/<32 hex>` directory. */
  randomLocalDirectory(): string {
    const directory = join(this.localDirectory, randomHex32());
    mkdirSync(directory, { recursive: true });
    return directory;
  }
}
