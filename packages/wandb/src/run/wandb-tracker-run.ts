import type { TrackerRun } from '@tasklens/core';
import type { WandbRun } from './wandb-run';

/** A W&B run as core's vendor-neutral tracker interface sees it (`trackers()`, the Tracking deck). */
export function wandbTrackerRun(run: WandbRun): TrackerRun {
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
