import type { TrackingStatus } from '@tasklens/core/plugin';

/** How a run ended, returned by `finish()`. */
export interface WandbRunResult {
  exitCode: number;
  /** `delivered` online, `offline` for offline runs, `spilled` when an online run fell back to its offline directory. */
  outcome: 'delivered' | 'offline' | 'spilled' | 'lost' | 'disabled';
  /** The run directory (`…/wandb/offline-run-…` to `wandb sync`), undefined when disabled. */
  directory: string | undefined;
  transport: TrackingStatus | undefined;
  /** Records that could not be written to the run's `.wandb` file (disk full, read-only); 0 normally. */
  lostRecords: number;
}
