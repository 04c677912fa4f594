import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, type RetryPolicy, TrackingTransport } from '@tasklens/core/plugin';
import type { LegacyApiClient } from './legacy-api-client';
import type { LegacyOperation } from './legacy-operation';
import { uploadFileSet } from './upload-file-set';

type UploadOperation = Extract<LegacyOperation, { type: 'UploadFile' }>;

/** The bytes an upload operation names, or the error the Python client reports when it is gone. */
function readUpload(operation: UploadOperation, uploadDirectory: string): Uint8Array | string {
  const source =
    operation.file_path ??
    (operation.tmp_file_name === null ? undefined : join(uploadDirectory, operation.tmp_file_name));
  const notFound = `Cannot upload file ${source ?? operation.path.join('/')}: Path not found or is a not a file.`;
  if (source === undefined) return notFound;
  try {
    return readFileSync(source);
  } catch {
    return notFound;
  }
}

import type { LegacySink, NeptuneRunResult } from './legacy-sink';
import { OfflineRunWriter } from './offline-run-writer';

export interface OnlineSinkOptions {
  client: LegacyApiClient;
  runId: string;
  /** `.neptune` directory for the spill (`async/run__<run uuid>__…`, which `neptune sync` resumes). */
  dataDirectory: string;
  flushIntervalMs: number;
  offlineDeadlineMs: number;
  pingIntervalMs: number;
  retry?: Partial<RetryPolicy>;
  /** Operations per `executeOperations` call; default 1000 (what the Python client batches). */
  maxBatchSize?: number;
}

/**
 * Async mode: operations go to `executeOperations` in ordered batches through core's transport
 * (retries, back-off, exactly-once delivery of each batch in order); pings keep the run active.
 * When the server stays away past the deadline the rest is written to an `async` run directory
 * for the same run, which `neptune sync` uploads later.
 */
export class OnlineSink implements LegacySink {
  private readonly transport: TrackingTransport<LegacyOperation>;
  private readonly journal: OfflineRunWriter;
  private delivered = 0;
  private putTimer: NodeJS.Timeout | undefined;
  private readonly serverErrors: string[] = [];
  private readonly logger = createLogger('tasklens:neptune');

  constructor(options: OnlineSinkOptions) {
    // Like the Python client's async mode: every operation is first in the run's disk queue
    // (`.neptune/async/run__<run uuid>__…`), acknowledged as the server applies it.
    this.journal = new OfflineRunWriter({
      dataDirectory: options.dataDirectory,
      kind: 'async',
      containerId: options.runId,
    });
    this.transport = new TrackingTransport<LegacyOperation>({
      name: 'neptune',
      logger: this.logger,
      maxBatchSize: options.maxBatchSize ?? 1000,
      flushIntervalMs: options.flushIntervalMs,
      offlineDeadlineMs: options.offlineDeadlineMs,
      heartbeatIntervalMs: options.pingIntervalMs,
      // The run flushes on SIGTERM/SIGINT/exit itself (marking the run failed on a signal first).
      handleProcessExit: false,
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      deliver: async (batch) => {
        // As the Python client: uploads first (they are idempotent), then the rest in order.
        for (const operation of batch) {
          if (operation.type === 'UploadFileSet') {
            const errors = await uploadFileSet(options.client, options.runId, operation);
            for (const error of errors) this.noteServerError(error);
          }
          if (operation.type !== 'UploadFile') continue;
          const content = readUpload(operation, join(this.journal.directory, 'upload_path'));
          const errors =
            typeof content === 'string'
              ? [content]
              : await options.client.uploadFile(
                  options.runId,
                  operation.path.join('/'),
                  operation.ext,
                  content,
                );
          for (const error of errors) this.noteServerError(error);
        }
        const rest = batch.filter(
          (operation) => operation.type !== 'UploadFile' && operation.type !== 'UploadFileSet',
        );
        const errors = rest.length === 0 ? [] : await options.client.executeOperations(options.runId, rest);
        for (const error of errors) this.noteServerError(error);
        this.delivered += batch.length;
        this.journal.acknowledge(this.delivered);
      },
      heartbeat: () => options.client.ping(options.runId),
      // Everything is already in the disk queue; `neptune sync` sends what was not acknowledged.
      spill: () => {},
    });
  }

  get directory(): string {
    return this.journal.directory;
  }

  get queuedEvents(): number {
    return this.transport.queuedEvents;
  }

  write(operations: readonly LegacyOperation[]): void {
    this.journal.append(operations);
    if (this.putTimer === undefined) {
      this.putTimer = setTimeout(() => {
        this.putTimer = undefined;
        this.journal.flush();
      }, 200);
      this.putTimer.unref();
    }
    for (const operation of operations) this.transport.enqueue(operation);
  }

  async close(): Promise<NeptuneRunResult> {
    const status = await this.transport.finish();
    if (this.putTimer !== undefined) clearTimeout(this.putTimer);
    this.journal.close();
    // Undelivered operations are in the disk queue, unless the disk failed too.
    const dropped = status.outcome === 'delivered' ? 0 : this.journal.droppedOperations;
    const outcome =
      status.outcome === 'lost' || dropped > 0
        ? 'lost'
        : status.outcome === 'spilled'
          ? 'spilled'
          : 'delivered';
    // All applied: the queue is done, as the Python client removes it.
    if (outcome === 'delivered') rmSync(this.journal.directory, { recursive: true, force: true });
    return {
      outcome,
      deliveredOperations: status.deliveredEvents,
      storedOperations: outcome === 'delivered' ? 0 : Math.max(0, this.journal.lastVersion - this.delivered),
      droppedOperations: dropped,
      directory: outcome === 'delivered' ? undefined : this.journal.directory,
      warnings: [...status.warnings, ...this.serverErrors],
      transport:
        dropped > 0 ? { ...status, outcome: 'lost', droppedEvents: status.droppedEvents + dropped } : status,
    };
  }

  private noteServerError(error: string): void {
    if (this.serverErrors.length < 20) {
      this.serverErrors.push(`the server rejected an operation: ${error}`);
      this.logger.warn(`the server rejected an operation: ${error}`);
    }
  }
}
