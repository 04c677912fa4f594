import { findCurrentContext } from '@tasklens/core';
import { globalRun } from './global-run';
import type { WandbRun } from './wandb-run';

/** Context attribute under which `wandbInit` exposes the run to the task function. */
export const wandbRunAttribute = 'WANDB_RUN';

/**
 * The current run, like the SDK's `wandb.run`: the run `wandbInit` started for the running task,
 * else the last run started with `init()` that has not finished; undefined when there is none.
 */
export function wandbRun(): WandbRun | undefined {
  const context = findCurrentContext();
  if (context?.hasAttribute(wandbRunAttribute)) {
    const run = context.getAttribute<WandbRun>(wandbRunAttribute);
    if (!run.finished) return run;
  }
  return globalRun() as WandbRun | undefined;
}
