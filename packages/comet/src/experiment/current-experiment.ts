import { MissingAttributeError } from '@tasklens/core';
import { findCurrentContext } from '@tasklens/core/plugin';
import { cometSlot } from '../comet-slot';
import type { CometExperiment } from './comet-experiment';

/** Context attribute under which `cometMlLogin` exposes the task's experiment. */
export const cometExperimentAttribute = 'COMET_EXPERIMENT';

const slot = cometSlot<CometExperiment[]>('runningExperiments');

// The first start() of a process creates the list: parenthesized, so V8 compiles this at import
// too (an arrow function is compiled on its first call).
// biome-ignore format: the parentheses are the compile hint
const noExperiments = (function noExperiments(): CometExperiment[] {
  return [];
});

/** Experiments started and not yet ended in this process, oldest first (shared by every copy of the package of this major). */
// biome-ignore format: parenthesized, V8 compiles it at import (see startExperiment)
export const runningExperiments = (function runningExperiments(): CometExperiment[] {
  return slot.getOrCreate(noExperiments);
});

/**
 * `comet_ml.get_running_experiment()`: the experiment of the current task (inside a function
 * decorated with `cometMlLogin`), else the most recently started one still running, else undefined.
 */
export function getExperiment(): CometExperiment | undefined {
  const context = findCurrentContext();
  if (context?.hasAttribute(cometExperimentAttribute))
    return context.getAttribute<CometExperiment>(cometExperimentAttribute);
  return runningExperiments().at(-1);
}

/** The current task's experiment; throws `MissingAttributeError` (`COMET_EXPERIMENT`) outside a task decorated with `cometMlLogin`. */
export function cometExperiment(): CometExperiment {
  const experiment = getExperiment();
  if (experiment === undefined) {
    throw new MissingAttributeError({
      attribute: cometExperimentAttribute,
      message:
        'cometExperiment() was called with no running experiment: call it inside a task decorated with cometMlLogin(), or start() one first',
    });
  }
  return experiment;
}
