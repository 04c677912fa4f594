import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { MissingDependencyError } from '../errors/missing-dependency-error';
import type { BucketOperations } from './bucket-storage';
import type { S3Settings } from './s3-settings';

/** The S3 calls the adapter needs; the SDK implements them, tests pass an in-memory fake. */
export type S3Operations = BucketOperations;

type S3Sdk = typeof import('@aws-sdk/client-s3');

/** Imports `@aws-sdk/client-s3` on first use: it is an optional peer dependency. */
export async function loadS3Sdk(): Promise<S3Sdk> {
  try {
    return await import('@aws-sdk/client-s3');
  } catch (error) {
    throw new MissingDependencyError({
      dependency: '@aws-sdk/client-s3',
      message:
        's3:// URIs need the optional peer dependency @aws-sdk/client-s3; install it next to @tasklens/core (npm install @aws-sdk/client-s3)',
      cause: error,
    });
  }
}

/** The client configuration for `settings` (endpoint, path style, static keys when given). */
export function s3ClientConfig(settings: S3Settings): Record<string, unknown> {
  return {
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    maxAttempts: settings.maxAttempts,
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    ...(settings.accessKeyId !== undefined && settings.secretAccessKey !== undefined
      ? { credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey } }
      : {}),
  };
}

function isNotFound(error: unknown): boolean {
  const details = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    details?.name === 'NotFound' ||
    details?.name === 'NoSuchKey' ||
    details?.$metadata?.httpStatusCode === 404
  );
}

/** S3Operations over the AWS SDK v3 client, loaded lazily. */
export async function createSdkS3Operations(settings: S3Settings): Promise<S3Operations> {
  const sdk = await loadS3Sdk();
  const client = new sdk.S3Client(s3ClientConfig(settings));
  return {
    async getObject(bucket, key) {
      const response = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
      return response.Body === undefined ? new Uint8Array() : await response.Body.transformToByteArray();
    },
    async getObjectToFile(bucket, key, localPath) {
      const response = await client.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: key }));
      await mkdir(dirname(localPath), { recursive: true });
      // Imported here: `node:stream/promises` costs every `tasklens execute` start ~3 ms of CPU.
      const { pipeline } = await import('node:stream/promises');
      await pipeline(response.Body as Readable, createWriteStream(localPath));
    },
    async putObject(bucket, key, body, contentType) {
      await client.send(
        new sdk.PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
      );
    },
    async putObjectFromFile(bucket, key, localPath, contentType) {
      const { size } = await stat(localPath);
      await client.send(
        new sdk.PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: createReadStream(localPath),
          ContentLength: size,
          ContentType: contentType,
        }),
      );
    },
    async headObject(bucket, key) {
      try {
        await client.send(new sdk.HeadObjectCommand({ Bucket: bucket, Key: key }));
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
    async listKeys(bucket, prefix) {
      const keys: string[] = [];
      let continuationToken: string | undefined;
      do {
        const page = await client.send(
          new sdk.ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            ContinuationToken: continuationToken,
          }),
        );
        for (const item of page.Contents ?? []) if (item.Key !== undefined) keys.push(item.Key);
        continuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (continuationToken !== undefined);
      return keys;
    },
  };
}
