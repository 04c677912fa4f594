import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, kolmogorovSmirnovSurvival } from '../src/stats';
import { withinScipyTolerance } from '../src/test-support/within-scipy-tolerance';
import { packageRoot, runPython } from './drift-oracle';

const generator = `${packageRoot}src/stats/__fixtures__/generate-scipy-vectors.py`;

type Row = (number | string)[];
/**
 * Differences beyond scipy's tolerance between two vector tables (arguments must match exactly).
 * Results are compared with the unit tests' tolerance, not exactly: scipy promises neither
 * bit-identical results across CPUs nor across libm builds, and what the checked-in vectors must
 * prove on this machine is that the unit tests' comparison against them still holds here.
 */
function vectorDifferences(live: Record<string, unknown>, checkedIn: Record<string, unknown>): string[] {
  const problems: string[] = [];
  expect(Object.keys(live).sort()).toEqual(Object.keys(checkedIn).sort());
  for (const [key, value] of Object.entries(checkedIn)) {
    if (!Array.isArray(value)) {
      if (live[key] !== value) problems.push(`${key}: ${String(live[key])} vs ${String(value)}`);
      continue;
    }
    const liveRows = live[key] as Row[];
    expect(liveRows.length, key).toBe(value.length);
    (value as Row[]).forEach((row, index) => {
      const liveRow = liveRows[index]!;
      const last = row.length - 1;
      // Arguments first, results after: kstwoSf/smirnov/chi2Sf end in one result, gammaincc in two.
      const firstResult = key === 'gammaincc' ? 2 : last;
      for (let column = 0; column <= last; column++) {
        const expected = row[column]!;
        const actual = liveRow[column]!;
        const same =
          typeof expected === 'number' && typeof actual === 'number' && column >= firstResult
            ? withinScipyTolerance(actual, expected)
            : Object.is(actual, expected);
        if (!same) problems.push(`${key}[${index}][${column}]: live ${actual} vs checked-in ${expected}`);
      }
    });
  }
  return problems;
}

describe('scipy ports against the live oracle', () => {
  it("the checked-in scipy vectors are what the oracle scipy produces today, within the unit tests' tolerance", () => {
    const live = JSON.parse(runPython([generator, '-']));
    const checkedIn = JSON.parse(
      readFileSync(`${packageRoot}src/stats/__fixtures__/scipy-vectors.json`, 'utf8'),
    );
    expect(vectorDifferences(live, checkedIn)).toEqual([]);
  });

  it('the tolerance accepts the cross-CPU differences scipy shows and rejects larger ones', () => {
    const checkedIn = { scipy: '1', kstwoSf: [[1 / 3, 5, 0.5328526748971195]] };
    expect(vectorDifferences({ scipy: '1', kstwoSf: [[1 / 3, 5, 0.5328526748971194]] }, checkedIn)).toEqual(
      [],
    );
    expect(vectorDifferences({ scipy: '1', kstwoSf: [[1 / 3, 5, 0.53285267489]] }, checkedIn)).toHaveLength(
      1,
    );
    // Survival values near 0 carry 1 − CDF noise: a few ulps of 1.0 pass (seen between two x86-64
    // machines with the same scipy), relatively larger differences do not.
    const small = { scipy: '1', kstwoSf: [[0.15, 99, 0.0207571487983919]] };
    expect(vectorDifferences({ scipy: '1', kstwoSf: [[0.15, 99, 0.02075714879839025]] }, small)).toEqual([]);
    expect(vectorDifferences({ scipy: '1', kstwoSf: [[0.15, 99, 0.02075714879]] }, small)).toHaveLength(1);
    // Arguments are compared exactly.
    expect(
      vectorDifferences({ scipy: '1', kstwoSf: [[0.3, 5, 0.5328526748971195]] }, checkedIn),
    ).toHaveLength(1);
  });

  it('kstwo.sf and chi2.sf agree with scipy on random arguments drawn in Python', () => {
    const script = `
import json, numpy as np
from scipy import stats
rng = np.random.default_rng(7)
rows = []
for _ in range(300):
    n = int(rng.integers(1, 400)); x = float(rng.random())
    rows.append(["ks", x, n, float(stats.distributions.kstwo.sf(x, n))])
for _ in range(300):
    df = int(rng.integers(1, 300)); x = float(rng.random() * 3 * df)
    rows.append(["chi2", x, df, float(stats.chi2.sf(x, df))])
print(json.dumps(rows))
`;
    const rows = JSON.parse(runPython(['-c', script])) as [string, number, number, number][];
    for (const [kind, x, shape, expected] of rows) {
      const actual = kind === 'ks' ? kolmogorovSmirnovSurvival(x, shape) : chiSquareSurvival(x, shape);
      expect(
        withinScipyTolerance(actual, expected),
        `${kind}(${x}, ${shape}): ${actual} vs ${expected}`,
      ).toBe(true);
    }
  });
});
