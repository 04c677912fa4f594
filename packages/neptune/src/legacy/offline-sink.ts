import type { LegacyOperation } from './legacy-operation';
import type { LegacySink, NeptuneRunResult } from './legacy-sink';
import type { OfflineRunWriter } from './offline-run-writer';

/** How often `last_put_version` is brought up to date while operations arrive, in ms. */
const putVersionIntervalMs = 200;

/** Offline mode: every operation goes to the run directory, ready for `neptune sync`. */
export class OfflineSink implements LegacySink {
  private timer: NodeJS.Timeout | undefined;
  private stored = 0;

  readonly queuedEvents = 0;

  constructor(private readonly writer: OfflineRunWriter) {}

  get directory(): string {
    return this.writer.directory;
  }

  write(operations: readonly LegacyOperation[]): void {
    this.writer.append(operations);
    this.stored += operations.length;
    // Keep last_put_version close behind so a killed process leaves a directory sync accepts
    // (not needed before the directory exists: creating it records the version).
    if (this.timer === undefined && !this.writer.waitingToOpen) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.writer.flush();
      }, putVersionIntervalMs);
      this.timer.unref();
    }
  }

  async close(): Promise<NeptuneRunResult> {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.writer.close();
    const dropped = this.writer.droppedOperations;
    return {
      outcome: dropped > 0 ? 'lost' : 'offline',
      deliveredOperations: 0,
      storedOperations: this.stored - dropped,
      droppedOperations: dropped,
      directory: this.writer.directory,
      warnings: dropped > 0 ? [`${dropped} operations could not be written to ${this.writer.directory}`] : [],
    };
  }
}
