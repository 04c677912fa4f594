import type { CometEvent } from './comet-event';

/** How an experiment's events ended up (the transport's status plus the archive). */
export interface SinkResult {
  /** `delivered`: all reached Comet. `offline`: all are in the archive. `spilled`: some went to the archive. `lost`: some are nowhere. */
  readonly outcome: 'delivered' | 'offline' | 'spilled' | 'lost';
  readonly deliveredEvents: number;
  readonly archivedEvents: number;
  /** Events neither delivered nor archived (the archive location failed: full disk, volume gone). */
  readonly lostEvents: number;
  /** The offline archive, when events went to one; upload it with `comet upload <path>`. */
  readonly archivePath: string | undefined;
  readonly warnings: readonly string[];
}

/** Where an experiment's events go: Comet online (with an offline spill) or an offline archive. */
export interface ExperimentSink {
  readonly offline: boolean;
  readonly archivePath: string | undefined;
  /** The experiment's page, undefined while it exists only offline. */
  readonly url: string | undefined;
  /** Settles when the experiment exists on Comet or went offline; rejects when Comet refused the key. */
  readonly ready: Promise<void>;
  /** Events held in memory, not yet delivered or written. */
  readonly queuedEvents: number;
  enqueue(event: CometEvent): void;
  flush(): Promise<void>;
  end(error: unknown): Promise<SinkResult>;
  warn(message: string): void;
}
