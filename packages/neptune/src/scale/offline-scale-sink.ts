import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { encodeScaleOperation } from './encode-scale-operation';
import { OperationsDatabase } from './operations-database';
import type { NeptuneScaleRunResult, ScaleOperation, ScaleSink } from './scale-operation';

/** Longest an operation waits before its transaction commits, in ms (bounds what a kill can lose). */
const commitIntervalMs = 100;
/** Operations per transaction at most. */
const commitBatch = 5000;

/** Offline mode: every operation goes to `run_operations.sqlite3`, for neptune-scale's sync. */
export class OfflineScaleSink implements ScaleSink {
  private readonly database: OperationsDatabase;
  private timer: NodeJS.Timeout | undefined;
  private stored = 0;
  private readonly warnings: string[] = [];

  constructor(databasePath: string, project: string, runId: string) {
    mkdirSync(dirname(databasePath), { recursive: true });
    this.database = new OperationsDatabase(databasePath);
    this.database.saveMetadata(project, runId);
  }

  get databasePath(): string {
    return this.database.path;
  }

  write(operation: ScaleOperation): void {
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
    this.database.close();
    return {
      outcome: 'offline',
      deliveredOperations: 0,
      storedOperations: this.stored,
      databasePath: this.database.path,
      warnings: this.warnings,
    };
  }

  private commit(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    try {
      this.database.commit();
    } catch (error) {
      this.warnings.push(`could not write to ${this.database.path}: ${String(error)}`);
    }
  }
}
