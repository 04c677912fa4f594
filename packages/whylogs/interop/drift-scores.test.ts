import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  calculateDriftScores,
  type DriftScore,
  driftCategory,
  HELLINGER_THRESHOLDS,
  HellingerDrift,
  P_VALUE_THRESHOLDS,
} from '../src/drift';
import { DatasetProfileView } from '../src/profile/dataset-profile-view';
import { packageRoot, runPython } from './drift-oracle';
import { decodeNumber, seededRandom, snapshotFromJson } from './drift-snapshot-from-json';

type Column = (number | string | boolean | null)[];
interface Pair {
  name: string;
  target: Record<string, Column>;
  reference: Record<string, Column>;
  hellinger?: string[];
}

const random = seededRandom(20240601);
const normal = () => {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
};
const numbers = (count: number, shift = 0, scale = 1) =>
  Array.from({ length: count }, () => Math.round((normal() * scale + shift) * 1e6) / 1e6);
const choose = (count: number, values: string[], weights: number[]) =>
  Array.from({ length: count }, () => {
    const total = weights.reduce((sum, weight) => sum + weight, 0);
    let pick = random() * total;
    for (let index = 0; index < values.length; index++) {
      pick -= weights[index]!;
      if (pick < 0) return values[index]!;
    }
    return values.at(-1)!;
  });

const pairs: Pair[] = [
  {
    // The NotebookProfileVisualizer docstring example (spec §6.3).
    name: 'docstring example',
    target: {
      animal: ['cat', 'hawk', 'snake', 'cat', 'snake', 'cat', 'cat', 'snake', 'hawk', 'cat'],
      legs: [4, 2, 0, 4, 0, 4, 4, 0, 2, 4],
      weight: [4.3, 1.8, 1.3, 4.1, 5.5, 3.2, 2.6, 11.0, 1.7, null],
    },
    reference: {
      animal: ['hawk', 'hawk', 'snake', 'hawk', 'snake', 'snake', 'cat', 'snake', 'hawk', 'snake'],
      legs: [2, 2, 0, 2, 0, 0, 4, 0, 2, 0],
      weight: [2.7, 2.3, 1.2, 2.4, 5.3, 4.1, 3.3, 2.1, null, 6.3],
    },
    hellinger: ['legs', 'weight'],
  },
  {
    name: 'identical numbers (p = 1, NO_DRIFT at the inclusive top bound)',
    target: { x: [1, 2, 3, 4, 5, 6, 7, 8] },
    reference: { x: [1, 2, 3, 4, 5, 6, 7, 8] },
    hellinger: [],
  },
  {
    name: 'shifted normal, small samples (Durbin and Pomeranz branches)',
    target: { x: numbers(60, 0.8), y: numbers(60, 0.1) },
    reference: { x: numbers(90), y: numbers(90) },
    hellinger: ['y'],
  },
  {
    name: 'large samples past KLL compaction (n > 1024, Pelz-Good / Smirnov branches)',
    target: { x: numbers(3000, 0.05), z: numbers(3000, 1.5, 2) },
    reference: { x: numbers(2500), z: numbers(2500) },
    hellinger: ['x', 'z'],
  },
  {
    name: 'categorical: a target-only value makes chi-square infinite (p = 0)',
    target: { color: choose(200, ['red', 'green', 'blue', 'violet'], [3, 3, 3, 1]) },
    reference: { color: choose(300, ['red', 'green', 'blue'], [1, 1, 1]) },
  },
  {
    name: 'categorical: same distribution, mild sampling noise',
    target: { color: choose(400, ['red', 'green', 'blue'], [5, 3, 2]) },
    reference: { color: choose(600, ['red', 'green', 'blue'], [5, 3, 2]) },
  },
  {
    name: 'categorical with many distinct values (chi-square df > 40, asymptotic incomplete gamma)',
    target: {
      code: choose(
        3000,
        Array.from({ length: 60 }, (_, i) => `c${i}`),
        Array.from({ length: 60 }, () => 1),
      ),
    },
    reference: {
      code: choose(
        3000,
        Array.from({ length: 60 }, (_, i) => `c${i}`),
        Array.from({ length: 60 }, (_, i) => 1 + i / 200),
      ),
    },
  },
  {
    name: 'single values: KS effective size rounds to 0 (NaN p) and falls back to chi-square',
    target: { one: [5], label: ['a'], ratio: [0.5] },
    reference: { one: [7], label: ['a'], ratio: [0.25] },
  },
  {
    name: 'booleans, integers with nulls, and a column missing from the reference',
    target: {
      flag: [true, false, true, true, false, true],
      count: [1, 2, null, 4, 5, 6],
      only_target: [1, 2, 3, 4, 5, 6],
    },
    reference: { flag: [false, false, true, false, false, true], count: [1, 2, 3, 4, 5, 9] },
    hellinger: ['count'],
  },
  {
    name: 'half-overlapping ranges: D = 0.5 at effective size 5 gives POSSIBLE_DRIFT',
    target: { x: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
    reference: { x: [6, 7, 8, 9, 10, 11, 12, 13, 14, 15] },
    hellinger: ['x'],
  },
  {
    name: 'small integer domain (discrete KS with ties)',
    target: { level: Array.from({ length: 150 }, () => Math.floor(random() * 5)) },
    reference: { level: Array.from({ length: 170 }, () => Math.floor(random() * 6)) },
  },
];

const categoryProbes: [string, number][] = [
  ['ks', 0],
  ['ks', 0.049999],
  ['ks', 0.05],
  ['ks', 0.1],
  ['ks', 0.15],
  ['ks', 0.5],
  ['ks', 1],
  ['chi-square', 0.05],
  ['chi-square', 1],
  ['hellinger', 0],
  ['hellinger', 0.15],
  ['hellinger', 0.4],
  ['hellinger', 0.99],
  ['hellinger', 1],
  ['ks', 1.5],
];

type Scores = Record<string, DriftScore | null>;

function decodeScores(scores: Record<string, unknown>): Scores {
  const result: Scores = {};
  for (const [name, score] of Object.entries(scores)) {
    if (score === null) {
      result[name] = null;
      continue;
    }
    const value = score as DriftScore & { pvalue: never; statistic: never };
    result[name] = {
      ...value,
      pvalue: decodeNumber(value.pvalue),
      statistic: decodeNumber(value.statistic),
    };
  }
  return result;
}

function expectScoresEqual(actual: Scores, expected: Scores, label: string, anyColumnOrder = false): void {
  const order = (keys: string[]) => (anyColumnOrder ? [...keys].sort() : keys);
  expect(order(Object.keys(actual)), label).toEqual(order(Object.keys(expected)));
  for (const [name, expectedScore] of Object.entries(expected)) {
    const actualScore = actual[name];
    if (expectedScore === null) {
      expect(actualScore, `${label} ${name}`).toBeNull();
      continue;
    }
    expect(actualScore, `${label} ${name}`).not.toBeNull();
    expect(actualScore!.algorithm, `${label} ${name}`).toBe(expectedScore.algorithm);
    expect(actualScore!.drift_category, `${label} ${name}`).toBe(expectedScore.drift_category);
    expect(actualScore!.thresholds, `${label} ${name}`).toEqual(expectedScore.thresholds);
    for (const field of ['pvalue', 'statistic'] as const) {
      const a = actualScore![field];
      const e = expectedScore[field];
      if (e === null || !Number.isFinite(e)) {
        expect(a, `${label} ${name} ${field}`).toBe(e);
      } else {
        const error = Math.abs(a! - e);
        expect(
          error <= 1e-12 * Math.abs(e) || error <= 2e-15,
          `${label} ${name} ${field}: ${a} vs ${e}`,
        ).toBe(true);
      }
    }
  }
}

describe('drift scores equal whylogs calculate_drift_scores', () => {
  const binDirectory = mkdtempSync(join(tmpdir(), 'tasklens-drift-'));
  const oracle = JSON.parse(
    runPython(
      [`${packageRoot}interop/drift-oracle.py`],
      JSON.stringify({ pairs, categories: categoryProbes, binDirectory }),
    ),
  ) as {
    pairs: any[];
    categories: string[];
  };

  it('covers at least 8 dataset pairs', () => {
    expect(oracle.pairs.length).toBeGreaterThanOrEqual(8);
  });

  for (const [index, pair] of pairs.entries()) {
    it(`${pair.name}`, async () => {
      const result = oracle.pairs[index];
      const target = snapshotFromJson(result.target);
      const reference = snapshotFromJson(result.reference);
      expectScoresEqual(
        calculateDriftScores(target, reference, { withThresholds: true }),
        decodeScores(result.withThresholds),
        'with thresholds',
      );
      expectScoresEqual(
        calculateDriftScores(target, reference),
        decodeScores(result.withoutThresholds),
        'plain',
      );
      // The same profiles through the .bin files Python wrote, read by DatasetProfileView.read.
      const targetView = await DatasetProfileView.read(join(binDirectory, `${index}-target.bin`));
      const referenceView = await DatasetProfileView.read(join(binDirectory, `${index}-reference.bin`));
      expectScoresEqual(
        calculateDriftScores(targetView, referenceView, { withThresholds: true }),
        decodeScores(result.withThresholds),
        'from .bin files',
        // A .bin stores columns sorted by name (Python's read gives that order too).
        true,
      );
      if (result.driftMap) {
        const driftMap = Object.fromEntries(
          (pair.hellinger ?? []).map((column) => [column, new HellingerDrift()]),
        );
        expectScoresEqual(
          calculateDriftScores(target, reference, { driftMap, withThresholds: true }),
          decodeScores(result.driftMap),
          'hellinger drift map',
        );
      }
    });
  }

  it('the pairs exercise every category, both default algorithms, infinite statistics and null columns', () => {
    const seen = new Set<string>();
    for (const result of oracle.pairs) {
      for (const score of Object.values(decodeScores(result.withThresholds))) {
        if (score === null) seen.add('null');
        else {
          seen.add(score.drift_category!);
          seen.add(score.algorithm);
          if (score.statistic === Number.POSITIVE_INFINITY) seen.add('infinite statistic');
        }
      }
    }
    expect([...seen].sort()).toEqual(
      expect.arrayContaining([
        'DRIFT',
        'NO_DRIFT',
        'POSSIBLE_DRIFT',
        'chi-square',
        'infinite statistic',
        'ks',
        'null',
      ]),
    );
  });

  it('the docstring example gives the spec values: animal DRIFT by chi-square, legs and weight NO_DRIFT by KS', () => {
    const result = oracle.pairs[0];
    const scores = calculateDriftScores(snapshotFromJson(result.target), snapshotFromJson(result.reference), {
      withThresholds: true,
    });
    expect(scores.animal).toMatchObject({
      algorithm: 'chi-square',
      statistic: 17.8,
      drift_category: 'DRIFT',
    });
    expect(scores.animal!.pvalue).toBeCloseTo(1.3638892648201143e-4, 15);
    expect(scores.legs).toMatchObject({ algorithm: 'ks', statistic: 0.4, drift_category: 'NO_DRIFT' });
    expect(scores.legs!.pvalue).toBeCloseTo(0.3087999999999995, 13);
    expect(scores.weight!.statistic).toBeCloseTo(0.2222222222222222, 15);
    expect(scores.weight!.pvalue).toBeCloseTo(0.9656921582075904, 13);
  });

  it('drift categories at the boundaries equal whylogs _get_drift_category', () => {
    categoryProbes.forEach(([algorithm, measure], index) => {
      const thresholds = algorithm === 'hellinger' ? HELLINGER_THRESHOLDS : P_VALUE_THRESHOLDS;
      const expected = oracle.categories[index]!;
      if (expected.startsWith('error')) {
        expect(() => driftCategory(measure, thresholds)).toThrow(/does not fit into any drift category/);
      } else {
        expect(driftCategory(measure, thresholds), `${algorithm} ${measure}`).toBe(expected);
      }
    });
  });
});
