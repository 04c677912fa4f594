import { createLogger, type RetryPolicy, TrackingTransport } from '@tasklens/core/plugin';
import type { LegacyApiClient } from './legacy-api-client';
import type { LegacyOperation } from './legacy-operation';
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
  private spillWriter: OfflineRunWriter | undefined;
  private readonly serverErrors: string[] = [];
  private readonly logger = createLogger('tasklens:neptune');

  constructor(options: OnlineSinkOptions) {
    this.transport = new TrackingTransport<LegacyOperation>({
      name: 'neptune',
      logger: this.logger,
      maxBatchSize: options.maxBatchSize ?? 1000,
      flushIntervalMs: options.flushIntervalMs,
      offlineDeadlineMs: options.offlineDeadlineMs,
      heartbeatIntervalMs: options.pingIntervalMs,
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      deliver: async (batch) => {
        const errors = await options.client.executeOperations(options.runId, batch);
        for (const error of errors) this.noteServerError(error);
      },
      heartbeat: () => options.client.ping(options.runId),
      spill: (events) => {
        this.spillWriter ??= new OfflineRunWriter({
          dataDirectory: options.dataDirectory,
          kind: 'async',
          containerId: options.runId,
        });
        this.spillWriter.append(events);
        this.spillWriter.flush(true);
      },
    });
  }

  write(operations: readonly LegacyOperation[]): void {
    for (const operation of operations) this.transport.enqueue(operation);
  }

  async close(): Promise<NeptuneRunResult> {
    const status = await this.transport.finish();
    this.spillWriter?.close();
    const outcome =
      status.outcome === 'lost' ? 'lost' : status.outcome === 'spilled' ? 'spilled' : 'delivered';
    return {
      outcome,
      deliveredOperations: status.deliveredEvents,
      storedOperations: status.spilledEvents,
      directory: this.spillWriter?.directory,
      warnings: [...status.warnings, ...this.serverErrors],
    };
  }

  private noteServerError(error: string): void {
    if (this.serverErrors.length < 20) {
      this.serverErrors.push(`the server rejected an operation: ${error}`);
      this.logger.warn(`the server rejected an operation: ${error}`);
    }
  }
}
