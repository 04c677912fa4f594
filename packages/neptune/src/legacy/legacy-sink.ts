import type { LegacyOperation } from './legacy-operation';

/** How a run ended up: all delivered, kept (partly) on disk for `neptune sync`, or (partly) lost. */
export interface NeptuneRunResult {
  outcome: 'delivered' | 'offline' | 'spilled' | 'lost';
  /** Operations the server accepted. */
  deliveredOperations: number;
  /** Operations kept on disk (offline run, or an online run's spill). */
  storedOperations: number;
  /** The run directory holding what is on disk, if any. */
  directory: string | undefined;
  warnings: string[];
}

/** Where a run's operations go, in order: the REST API or a disk queue. */
export interface LegacySink {
  write(operations: readonly LegacyOperation[]): void;
  /** Flushes and releases everything; never rejects. */
  close(): Promise<NeptuneRunResult>;
}
