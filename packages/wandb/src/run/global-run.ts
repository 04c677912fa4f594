import { wandbSlot } from '../wandb-slot';

// Typed as `object`: wandb-run.ts clears it when a run finishes, and naming the run's type here
// would make a cycle (run → global run → run). `wandbRun()` in current-run.ts gives it its type.
const globalRunSlot = wandbSlot<object>('currentRun');

/** Records the run `wandbRun()` returns outside a decorated task (the SDK's `wandb.run`). */
export function setGlobalRun(run: object | undefined): void {
  globalRunSlot.set(run);
}

/** The last run started with `init()` that has not finished, if any. */
export function globalRun(): object | undefined {
  return globalRunSlot.get();
}
