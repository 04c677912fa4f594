import type { TrackerRun } from '@tasklens/core';

/**
 * What the tracker view reads of a W&B run. Structural, so this file does not import `WandbRun`
 * (which registers this view and would otherwise form an import cycle with it).
 */
export interface TrackableWandbRun {
  readonly id: string;
  readonly mode: string;
  readonly url: string | undefined;
  readonly directory: string | undefined;
  readonly config: { update(values: Record<string, unknown>): void };
  log(data: Record<string, unknown>, options?: { step?: number; commit?: boolean }): void;
  lastMetrics(): Record<string, unknown>;
}

/** A W&B run as core's vendor-neutral tracker interface sees it (`trackers()`, the Tracking deck). */
export function wandbTrackerRun(run: TrackableWandbRun): TrackerRun {
  const offline = () => run.mode === 'offline' || /(^|[\\/])offline-run-[^\\/]*$/.test(run.directory ?? '');
  return {
    provider: 'wandb',
    runId: run.id,
    get url() {
      return run.url;
    },
    get offlinePath() {
      return offline() ? run.directory : undefined;
    },
    get syncCommand() {
      return offline() && run.directory !== undefined ? `wandb sync ${run.directory}` : undefined;
    },
    logMetrics: (values, step) => run.log({ ...values }, step === undefined ? {} : { step, commit: true }),
    logParams: (values) => run.config.update({ ...values }),
    lastMetrics: () => run.lastMetrics(),
  };
}
