import type { Logger, TrackingTransport } from '@tasklens/core/plugin';
import type { WandbEvent } from '../events/wandb-event';
import type { RunJournal } from '../offline/run-journal';
import type { WandbMode } from '../settings/resolve-settings';

/** Everything `init` resolved for a run: identity, settings, and where its records go. */
export interface WandbRunParts {
  mode: WandbMode;
  id: string;
  entity: string;
  project: string;
  displayName: string | undefined;
  notes: string | undefined;
  tags: readonly string[];
  group: string | undefined;
  jobType: string | undefined;
  host: string;
  config: Record<string, unknown>;
  /** Unix seconds. */
  startTime: number;
  startingStep: number;
  url: string | undefined;
  journal: RunJournal | undefined;
  transport: TrackingTransport<WandbEvent> | undefined;
  initialSummary: Map<string, string>;
  /** Mirror process stdout/stderr lines into the run. */
  captureConsole?: boolean;
  logger?: Logger;
}
