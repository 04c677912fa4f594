import { TasklensError } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import type { ProfileSnapshot } from '../snapshot/profile-snapshot';
import { DatasetConstraint, MissingMetricSignal } from './dataset-constraint';
import { columnIsProbablyUnique } from './types-constraints';

const profileWithoutCardinality: ProfileSnapshot = new Map([
  ['price', { counts: { n: 3, null: 0, nan: 0, inf: 0 } }],
]);

describe('MissingMetricSignal', () => {
  it('is a TasklensError naming the missing metric, recognised by isInstance', () => {
    const condition = columnIsProbablyUnique('price').condition;
    let thrown: unknown;
    try {
      condition(profileWithoutCardinality);
    } catch (error) {
      thrown = error;
    }
    expect(MissingMetricSignal.isInstance(thrown)).toBe(true);
    expect(TasklensError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({ name: 'TasklensMissingMetricSignal', metric: ':price:cardinality' });
    expect(MissingMetricSignal.isInstance(new Error(':price:cardinality'))).toBe(false);
  });

  it('fails the constraint, or passes it when the column need not exist', () => {
    expect(columnIsProbablyUnique('price').validateProfile(profileWithoutCardinality)).toEqual([false, null]);
    const lenient = new DatasetConstraint({
      name: 'lenient',
      requireColumnExistence: false,
      condition: () => {
        throw new MissingMetricSignal(':price:cardinality');
      },
    });
    expect(lenient.validateProfile(profileWithoutCardinality)).toEqual([true, null]);
  });

  it('lets any other error from a condition through', () => {
    const broken = new DatasetConstraint({
      name: 'broken',
      condition: () => {
        throw new RangeError('not a signal');
      },
    });
    expect(() => broken.validateProfile(profileWithoutCardinality)).toThrow(RangeError);
  });
});
