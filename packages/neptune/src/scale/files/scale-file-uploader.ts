import { readFile, rm } from 'node:fs/promises';
import { ApiCallError } from '@tasklens/core';
import {
  createLogger,
  type RetryPolicy,
  redactSecrets,
  retryRequest,
  sendHttpRequest,
} from '@tasklens/core/plugin';
import type { ScaleApiClient } from '../scale-api-client';
import type { ScaleFileUpload } from '../scale-operation';

const logger = createLogger('tasklens:neptune');

export interface ScaleFileUploaderOptions {
  client: ScaleApiClient;
  project: string;
  /** How long one file's upload may keep retrying, in ms. */
  deadlineMs: number;
  requestTimeoutMs: number;
  retry?: Partial<RetryPolicy>;
}

/**
 * The online half of `assign_files`, as neptune-scale's `FileUploaderThread`: sign each
 * destination at the storage bridge, then `PUT` the file to the signed URL with its mime type
 * (S3 single-part, what a self-hosted server signs). Files go one after another, in the order
 * assigned; a temporary file (saved bytes) is removed once uploaded. A file that cannot be
 * uploaded stays in the run's database, whose `file_upload_requests` neptune-scale's sync uploads.
 */
export class ScaleFileUploader {
  private chain: Promise<void> = Promise.resolve();
  private failed = 0;
  private uploaded = 0;
  private readonly warnings: string[] = [];

  constructor(private readonly options: ScaleFileUploaderOptions) {}

  enqueue(files: readonly ScaleFileUpload[]): void {
    for (const file of files) this.chain = this.chain.then(() => this.uploadOne(file));
  }

  /** Waits for every queued upload. */
  async finish(): Promise<{ uploaded: number; failed: number; warnings: string[] }> {
    await this.chain;
    return { uploaded: this.uploaded, failed: this.failed, warnings: this.warnings };
  }

  private async uploadOne(file: ScaleFileUpload): Promise<void> {
    const { client, project, deadlineMs, requestTimeoutMs } = this.options;
    const retry = this.options.retry === undefined ? {} : { retry: this.options.retry };
    try {
      const content = await readFile(file.sourcePath);
      await retryRequest(
        async () => {
          const [signed] = await client.signFileUrls(project, [
            { path: file.destination, size: file.sizeBytes },
          ]);
          if (signed === undefined || signed.provider !== 'aws' || signed.multipart) {
            throw new ApiCallError({
              message: `the server asked for a ${signed?.provider ?? 'missing'}${signed?.multipart ? ' multipart' : ''} upload, which only neptune-scale's sync performs`,
              url: 'storagebridge/v1/signedUrl',
              isRetryable: false,
            });
          }
          await sendHttpRequest({
            url: signed.url,
            method: 'PUT',
            headers: { 'Content-Type': file.mimeType },
            body: content,
            timeoutMs: requestTimeoutMs,
          });
        },
        { deadlineMs, ...retry },
      );
      this.uploaded++;
      if (file.isTemporary) await rm(file.sourcePath, { force: true });
    } catch (error) {
      this.failed++;
      // A signed URL's query is a credential (S3's X-Amz-Signature): never in a message.
      const reason = redactSecrets(String(error)).replace(/(https?:\/\/[^\s?]*)\?\S*/g, '$1?…');
      const message = `could not upload ${file.sourcePath} to ${file.destination} (${reason}); it stays in the run's database for neptune-scale's sync`;
      this.warnings.push(message);
      logger.warn(message);
    }
  }
}
