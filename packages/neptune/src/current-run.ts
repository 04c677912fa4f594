import { findCurrentContext } from '@tasklens/core/plugin';
import type { NeptuneRun } from './legacy/neptune-run';
import { neptuneSlot } from './neptune-slot';
import type { NeptuneScaleRun } from './scale/neptune-scale-run';

/** Context attribute both decorators expose the run under (flytekit's `NEPTUNE_RUN`). */
export const neptuneRunAttribute = 'NEPTUNE_RUN';
const currentRunSlot = neptuneSlot<NeptuneRun | NeptuneScaleRun>('currentRun');

/** Records the last run started outside a decorator, for `neptuneRun()`. */
// biome-ignore format: the parentheses are the compile hint (compiled at import, not in the first start)
export const setGlobalNeptuneRun = (function setGlobalNeptuneRun(
  run: NeptuneRun | NeptuneScaleRun | undefined,
): void {
  currentRunSlot.set(run);
});

/**
 * The run of the running task, flytekit's `current_context().neptune_run`: the run the decorator
 * started (a `NeptuneRun` under `neptuneInitRun`, a `NeptuneScaleRun` under `neptuneScaleRun`),
 * else the last run started directly; undefined when there is none.
 */
export function neptuneRun<Run extends NeptuneRun | NeptuneScaleRun = NeptuneRun | NeptuneScaleRun>():
  | Run
  | undefined {
  const context = findCurrentContext();
  if (context?.hasAttribute(neptuneRunAttribute)) return context.getAttribute<Run>(neptuneRunAttribute);
  return currentRunSlot.get() as Run | undefined;
}
