import { MissingAttributeError, TasklensError } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { cometExperiment, runningExperiments } from './current-experiment';

describe('cometExperiment() with no running experiment', () => {
  it('throws MissingAttributeError naming COMET_EXPERIMENT', () => {
    expect(runningExperiments()).toEqual([]);
    let thrown: unknown;
    try {
      cometExperiment();
    } catch (error) {
      thrown = error;
    }
    expect(MissingAttributeError.isInstance(thrown)).toBe(true);
    expect(TasklensError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({ name: 'TasklensMissingAttributeError', attribute: 'COMET_EXPERIMENT' });
    expect((thrown as Error).message).toContain('cometMlLogin()');
  });
});
