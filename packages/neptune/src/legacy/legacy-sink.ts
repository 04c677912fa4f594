import type { TrackingStatus } from '@tasklens/core/plugin';
import type { LegacyOperation } from './legacy-operation';

/** How a run ended up: all delivered, kept (partly) on disk for `neptune sync`, or (partly) lost. */
export interface NeptuneRunResult {
  outcome: 'delivered' | 'offline' | 'spilled' | 'lost';
  /** Operations the server accepted. */
  deliveredOperations: number;
  /** Operations kept on disk (offline run, or an online run's spill). */
  storedOperations: number;
  /** Operations neither delivered nor kept (the disk failed). */
  droppedOperations?: number | undefined;
  /** The run directory holding what is on disk, if any. */
  directory: string | undefined;
  warnings: string[];
  /** The delivery status of an online run (core's transport). */
  transport?: TrackingStatus | undefined;
}

/** Where a run's operations go, in order: the REST API or a disk queue. */
export interface LegacySink {
  write(operations: readonly LegacyOperation[]): void;
  /** Operations waiting in memory for delivery. */
  readonly queuedEvents: number;
  /** The run directory on disk (offline run or online disk queue); undefined when nothing is stored. */
  readonly directory: string | undefined;
  /** Flushes and releases everything; never rejects. */
  close(): Promise<NeptuneRunResult>;
}
