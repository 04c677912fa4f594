import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLogger, type RetryPolicy, TrackingTransport } from '@tasklens/core/plugin';
import { encodeScaleOperation } from './encode-scale-operation';
import { OfflineScaleSink } from './offline-scale-sink';
import type { EncodedOperation, ScaleApiClient } from './scale-api-client';
import type { NeptuneScaleRunResult, ScaleOperation, ScaleSink } from './scale-operation';

export interface OnlineScaleSinkOptions {
  client: ScaleApiClient;
  project: string;
  runId: string;
  databasePath: string;
  flushIntervalMs: number;
  offlineDeadlineMs: number;
  retry?: Partial<RetryPolicy>;
}

/**
 * Async mode, as neptune-scale does it: every operation is first stored durably in the run's
 * `run_operations.sqlite3`, then sent through core's transport (ordered batches, retries with
 * back-off). When everything was delivered the database is removed; otherwise it stays complete,
 * and neptune-scale's sync uploads it later (points already delivered are refused by step, so
 * nothing arrives twice).
 */
export class OnlineScaleSink implements ScaleSink {
  private readonly store: OfflineScaleSink;
  private readonly transport: TrackingTransport<EncodedOperation>;

  constructor(private readonly options: OnlineScaleSinkOptions) {
    this.store = new OfflineScaleSink(options.databasePath, options.project, options.runId);
    this.transport = new TrackingTransport<EncodedOperation>({
      name: 'neptune-scale',
      logger: createLogger('tasklens:neptune'),
      flushIntervalMs: options.flushIntervalMs,
      offlineDeadlineMs: options.offlineDeadlineMs,
      // The run flushes on SIGTERM/SIGINT/exit itself (marking the run failed on a signal first).
      handleProcessExit: false,
      ...(options.retry === undefined ? {} : { retry: options.retry }),
      deliver: (batch) => options.client.submit(options.project, options.runId, batch),
      // Everything is already in the database; nothing else to keep.
      spill: () => {},
    });
  }

  get databasePath(): string {
    return this.store.databasePath;
  }

  write(operation: ScaleOperation): void {
    this.store.write(operation);
    this.transport.enqueue(encodeScaleOperation(operation));
  }

  get queuedEvents(): number {
    return this.transport.queuedEvents;
  }

  async close(): Promise<NeptuneScaleRunResult> {
    const status = await this.transport.finish();
    const stored = await this.store.close();
    if (status.outcome === 'delivered') {
      rmSync(dirname(this.options.databasePath), { recursive: true, force: true });
      return {
        outcome: 'delivered',
        deliveredOperations: status.deliveredEvents,
        storedOperations: 0,
        databasePath: undefined,
        warnings: [...status.warnings],
        transport: status,
      };
    }
    // What was not delivered is in the database, unless the database failed too.
    const dropped = stored.droppedOperations ?? 0;
    const outcome = dropped > 0 ? 'lost' : 'spilled';
    const warnings = [...status.warnings, ...stored.warnings];
    return {
      outcome,
      deliveredOperations: status.deliveredEvents,
      storedOperations: stored.storedOperations,
      droppedOperations: dropped,
      databasePath: stored.databasePath,
      warnings,
      transport: { ...status, outcome, droppedEvents: status.droppedEvents + dropped, warnings },
    };
  }
}
