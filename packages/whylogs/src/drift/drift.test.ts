import { describe, expect, it } from 'vitest';
import { KllDoublesSketch } from '../sketches/kll/kll-doubles-sketch';
import type { ColumnSnapshot, ProfileSnapshot } from '../snapshot/profile-snapshot';
import { calculateBins, roundHalfEven } from './calculate-bins';
import { calculateDriftScores } from './calculate-drift-scores';
import { driftCategory, HELLINGER_THRESHOLDS, P_VALUE_THRESHOLDS } from './drift-thresholds';
import { HellingerDrift } from './hellinger-drift';

function numeric(values: number[]): ColumnSnapshot {
  const kll = KllDoublesSketch.create();
  for (const value of values) kll.update(value);
  return { counts: { n: values.length, null: 0, nan: 0, inf: 0 }, distribution: { kll, mean: 0, m2: 0 } };
}

function categorical(values: string[], cardinality: number): ColumnSnapshot {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  const frequentStrings = [...counts]
    .sort((left, right) => right[1] - left[1])
    .map(([value, est]) => ({ value, est, upper: est, lower: est }));
  const bound = { 1: cardinality, 2: cardinality, 3: cardinality };
  return {
    counts: { n: values.length, null: 0, nan: 0, inf: 0 },
    distribution: { kll: KllDoublesSketch.create(), mean: 0, m2: 0 },
    cardinality: { estimate: cardinality, upper: bound, lower: bound },
    frequentItems: { frequentStrings },
  };
}

describe('drift categories (spec §6.3 boundary vectors)', () => {
  it('p = 0.05 is DRIFT, 0.15 POSSIBLE_DRIFT, 1.0 NO_DRIFT; Hellinger 0.4 is DRIFT', () => {
    expect(driftCategory(0.05, P_VALUE_THRESHOLDS)).toBe('DRIFT');
    expect(driftCategory(0.15, P_VALUE_THRESHOLDS)).toBe('POSSIBLE_DRIFT');
    expect(driftCategory(1.0, P_VALUE_THRESHOLDS)).toBe('NO_DRIFT');
    expect(driftCategory(0.0499, P_VALUE_THRESHOLDS)).toBe('DRIFT');
    expect(driftCategory(0.1, P_VALUE_THRESHOLDS)).toBe('POSSIBLE_DRIFT');
    expect(driftCategory(0.4, HELLINGER_THRESHOLDS)).toBe('DRIFT');
    expect(driftCategory(0.15, HELLINGER_THRESHOLDS)).toBe('POSSIBLE_DRIFT');
    expect(driftCategory(0, HELLINGER_THRESHOLDS)).toBe('NO_DRIFT');
  });

  it('throws a typed error naming thresholds for a measure outside every range', () => {
    expect(() => driftCategory(1.5, P_VALUE_THRESHOLDS)).toThrow(/does not fit into any drift category/);
  });
});

describe('calculateDriftScores', () => {
  const target: ProfileSnapshot = new Map([
    [
      'animal',
      categorical(
        ['cat', 'hawk', 'snake', 'cat', 'snake', 'cat', 'cat', 'snake', 'hawk', 'cat'],
        3.0000000149,
      ),
    ],
    ['legs', numeric([4, 2, 0, 4, 0, 4, 4, 0, 2, 4])],
    ['weight', numeric([4.3, 1.8, 1.3, 4.1, 5.5, 3.2, 2.6, 11.0, 1.7])],
    ['only_target', numeric([1])],
  ]);
  const reference: ProfileSnapshot = new Map([
    ['legs', numeric([2, 2, 0, 2, 0, 0, 4, 0, 2, 0])],
    [
      'animal',
      categorical(['hawk', 'hawk', 'snake', 'hawk', 'snake', 'snake', 'cat', 'snake', 'hawk', 'snake'], 3),
    ],
    ['weight', numeric([2.7, 2.3, 1.2, 2.4, 5.3, 4.1, 3.3, 2.1, 6.3])],
  ]);

  it('reproduces the NotebookProfileVisualizer docstring example', () => {
    const scores = calculateDriftScores(target, reference, { withThresholds: true });
    expect(Object.keys(scores)).toEqual(['animal', 'legs', 'weight']);
    expect(scores.animal).toMatchObject({
      algorithm: 'chi-square',
      statistic: 17.8,
      drift_category: 'DRIFT',
    });
    expect(scores.animal!.pvalue).toBeCloseTo(1.3638892648201143e-4, 15);
    expect(scores.legs).toMatchObject({ algorithm: 'ks', statistic: 0.4, drift_category: 'NO_DRIFT' });
    expect(scores.legs!.pvalue).toBeCloseTo(0.3087999999999995, 14);
    expect(scores.weight!.statistic).toBeCloseTo(0.2222222222222222, 15);
    expect(scores.weight!.pvalue).toBeCloseTo(0.9656921582075904, 14);
    expect(scores.legs!.thresholds).toEqual({
      NO_DRIFT: [0.15, 1],
      POSSIBLE_DRIFT: [0.05, 0.15],
      DRIFT: [0, 0.05],
    });
  });

  it('omits thresholds and categories unless asked, and applies a Hellinger override', () => {
    const scores = calculateDriftScores(target, reference, { driftMap: { legs: new HellingerDrift() } });
    expect(scores.legs).toMatchObject({
      algorithm: 'hellinger',
      pvalue: null,
      thresholds: null,
      drift_category: null,
    });
    expect(scores.legs!.statistic).toBeGreaterThan(0);
    expect(scores.weight!.thresholds).toBeNull();
  });

  it('rejects something that is not a profile with a typed error', () => {
    expect(() => calculateDriftScores({} as never, reference)).toThrow(
      /profile must be a DatasetProfileView/,
    );
  });
});

describe('bins and rounding', () => {
  it('rounds half to even like numpy', () => {
    expect([0.5, 1.5, 2.5, 4.5, 4.4, 4.6].map(roundHalfEven)).toEqual([0, 2, 2, 4, 4, 5]);
  });

  it('bins 2..30 buckets of about 4 values and nudges the end past the max', () => {
    const { bins, end } = calculateBins({ start: 0, end: 10, n: 20, averagePerBucket: 4, maxBuckets: 30 });
    expect(bins).toHaveLength(6);
    expect(end).toBe(10 + 10 * 1e-7);
    expect(calculateBins({ start: 0, end: 0, n: 1, averagePerBucket: 4, maxBuckets: 30 }).bins).toHaveLength(
      3,
    );
  });
});
