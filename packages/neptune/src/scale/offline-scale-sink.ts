import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createLogger, redactSecrets } from '@tasklens/core/plugin';
import { encodeScaleOperation } from './encode-scale-operation';
import { OperationsDatabase } from './operations-database';
import type { NeptuneScaleRunResult, ScaleOperation, ScaleSink } from './scale-operation';

/** Longest an operation waits before its transaction commits, in ms (bounds what a kill can lose). */
const commitIntervalMs = 100;
/** Operations per transaction at most. */
const commitBatch = 5000;

const logger = createLogger('tasklens:neptune');

/**
 * Offline mode: every operation goes to `run_operations.sqlite3`, for neptune-scale's sync. When
 * the database cannot be written (full disk, read-only volume) the sink warns once, drops what it
 * could not store and counts every later operation instead of writing it, so memory stays bounded
 * and the task goes on.
 */
export class OfflineScaleSink implements ScaleSink {
  private readonly database: OperationsDatabase;
  private timer: NodeJS.Timeout | undefined;
  private stored = 0;
  private dropped = 0;
  private broken = false;
  private readonly warnings: string[] = [];

  constructor(databasePath: string, project: string, runId: string) {
    mkdirSync(dirname(databasePath), { recursive: true });
    this.database = new OperationsDatabase(databasePath);
    this.database.saveMetadata(project, runId);
  }

  get databasePath(): string {
    return this.database.path;
  }

  get queuedEvents(): number {
    return this.database.pendingOperations;
  }

  /** Operations that could not be stored (the database failed). */
  get droppedOperations(): number {
    return this.dropped;
  }

  write(operation: ScaleOperation): void {
    if (this.broken) {
      this.dropped++;
      return;
    }
    const [type, blob] = encodeScaleOperation(operation);
    this.database.add(type, blob);
    this.stored++;
    if (this.database.pendingOperations >= commitBatch) this.commit();
    else if (this.timer === undefined) {
      this.timer = setTimeout(() => this.commit(), commitIntervalMs);
      this.timer.unref();
    }
  }

  async close(): Promise<NeptuneScaleRunResult> {
    this.commit();
    try {
      this.database.close();
    } catch (error) {
      this.fail(error, 0);
    }
    return {
      outcome: this.dropped > 0 ? 'lost' : 'offline',
      deliveredOperations: 0,
      storedOperations: this.stored - this.dropped,
      droppedOperations: this.dropped,
      databasePath: this.database.path,
      warnings: this.warnings,
    };
  }

  private commit(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.broken) return;
    const pending = this.database.pendingOperations;
    try {
      this.database.commit();
    } catch (error) {
      this.fail(error, pending);
    }
  }

  private fail(error: unknown, lost: number): void {
    this.database.discardPending();
    this.dropped += lost;
    if (this.broken) return;
    this.broken = true;
    const message = `could not write ${this.database.path} (${redactSecrets(String(error))}); further operations of this run are counted, not stored`;
    this.warnings.push(message);
    logger.warn(message);
  }
}
