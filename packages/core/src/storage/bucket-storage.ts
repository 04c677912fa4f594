import type { StorageAdapter, WriteOptions } from './storage-adapter';
import { splitBucketUri } from './storage-adapter';
import { describeCause, StorageError } from './storage-error';

/** The calls a bucket store (S3, GCS) provides; see `S3Operations`. */
export interface BucketOperations {
  getObject(bucket: string, key: string): Promise<Uint8Array>;
  getObjectToFile(bucket: string, key: string, localPath: string): Promise<void>;
  putObject(bucket: string, key: string, body: Uint8Array, contentType?: string): Promise<void>;
  putObjectFromFile(bucket: string, key: string, localPath: string, contentType?: string): Promise<void>;
  headObject(bucket: string, key: string): Promise<boolean>;
  listKeys(bucket: string, prefix: string): Promise<string[]>;
}

/**
 * A StorageAdapter over a bucket API (`s3://`, `gs://`). The client is created on first use, so
 * the cloud SDK is imported only when such a URI is actually touched.
 */
export class BucketStorage implements StorageAdapter {
  private operations: Promise<BucketOperations> | undefined;

  constructor(private readonly createOperations: () => Promise<BucketOperations>) {}

  private async call<T>(
    uri: string,
    verb: string,
    action: (operations: BucketOperations, bucket: string, key: string) => Promise<T>,
  ): Promise<T> {
    const { bucket, key } = splitBucketUri(uri);
    if (bucket === '')
      throw new StorageError({ uri, message: `Cannot ${verb} ${uri}: the URI names no bucket` });
    try {
      this.operations ??= this.createOperations();
      return await action(await this.operations, bucket, key);
    } catch (error) {
      if (StorageError.isInstance(error)) throw error;
      throw new StorageError({
        uri,
        message: `Cannot ${verb} ${uri}: ${describeCause(error)}`,
        cause: error,
      });
    }
  }

  read(uri: string): Promise<Uint8Array> {
    return this.call(uri, 'read', (operations, bucket, key) => operations.getObject(bucket, key));
  }

  write(uri: string, data: Uint8Array, options: WriteOptions = {}): Promise<void> {
    return this.call(uri, 'write', (operations, bucket, key) =>
      operations.putObject(bucket, key, data, options.contentType),
    );
  }

  exists(uri: string): Promise<boolean> {
    return this.call(uri, 'check', (operations, bucket, key) => operations.headObject(bucket, key));
  }

  list(uri: string): Promise<string[]> {
    return this.call(uri, 'list', async (operations, bucket, key) => {
      const prefix = key === '' || key.endsWith('/') ? key : `${key}/`;
      const keys = await operations.listKeys(bucket, prefix);
      return keys
        .filter((item) => !item.endsWith('/'))
        .map((item) => item.slice(prefix.length))
        .sort();
    });
  }

  downloadFile(uri: string, localPath: string): Promise<void> {
    return this.call(uri, 'download', (operations, bucket, key) =>
      operations.getObjectToFile(bucket, key, localPath),
    );
  }

  uploadFile(localPath: string, uri: string, options: WriteOptions = {}): Promise<void> {
    return this.call(uri, `upload ${localPath} to`, (operations, bucket, key) =>
      operations.putObjectFromFile(bucket, key, localPath, options.contentType),
    );
  }
}
