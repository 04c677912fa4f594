import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, kolmogorovSmirnovSurvival } from '../src/stats';
import { packageRoot, runPython } from './drift-oracle';

const generator = `${packageRoot}src/stats/__fixtures__/generate-scipy-vectors.py`;

/**
 * Distance in units in the last place: the number of doubles between `a` and `b` (0 when equal, ±0 equal).
 * scipy promises neither bit-identical results across CPUs nor across libm builds (the same pinned scipy gives
 * kstwo.sf(1/3, 5) = 0.5328526748971194 on one x86-64 machine and …195 on another), so the checked-in
 * vectors are compared to the live oracle within a few ulps rather than exactly: 4 ulps of the value, or
 * 4 ulps of 1.0 for survival values scipy computes as 1 − CDF (their rounding noise is relative to 1, e.g.
 * kstwo.sf = 0.03480097442122543 live vs …576 checked in, 1.5 ulps of 1.0 but 48 of the value).
 */
function ulpDistance(a: number, b: number): number {
  const ordered = (value: number) => {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value);
    const bits = view.getBigInt64(0);
    return bits < 0n ? -(bits & 0x7fffffffffffffffn) : bits;
  };
  const gap = ordered(a) - ordered(b);
  return Number(gap < 0n ? -gap : gap);
}

const MAX_ULPS = 4;

type Row = (number | string)[];
/** Differences beyond MAX_ULPS between two vector tables (arguments and special values must match exactly). */
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
            ? ulpDistance(actual, expected) <= MAX_ULPS ||
              Math.abs(actual - expected) <= MAX_ULPS * Number.EPSILON
            : Object.is(actual, expected);
        if (!same) problems.push(`${key}[${index}][${column}]: live ${actual} vs checked-in ${expected}`);
      }
    });
  }
  return problems;
}

describe('scipy ports against the live oracle', () => {
  it(`the checked-in scipy vectors are what the oracle scipy produces today, within ${MAX_ULPS} ulps`, () => {
    const live = JSON.parse(runPython([generator, '-']));
    const checkedIn = JSON.parse(
      readFileSync(`${packageRoot}src/stats/__fixtures__/scipy-vectors.json`, 'utf8'),
    );
    expect(vectorDifferences(live, checkedIn)).toEqual([]);
  });

  it('the ulp comparison accepts the cross-CPU kstwo difference and rejects larger ones', () => {
    expect(ulpDistance(0.5328526748971194, 0.5328526748971195)).toBe(1);
    expect(ulpDistance(-0, 0)).toBe(0);
    expect(ulpDistance(1, 1 + 5 * Number.EPSILON)).toBe(5);
    const checkedIn = { scipy: '1', kstwoSf: [[1 / 3, 5, 0.5328526748971195]] };
    expect(vectorDifferences({ scipy: '1', kstwoSf: [[1 / 3, 5, 0.5328526748971194]] }, checkedIn)).toEqual(
      [],
    );
    expect(vectorDifferences({ scipy: '1', kstwoSf: [[1 / 3, 5, 0.5328526748971]] }, checkedIn)).toHaveLength(
      1,
    );
    // Survival values near 0 carry 1 − CDF noise: a few ulps of 1.0 pass, more do not.
    const small = { scipy: '1', kstwoSf: [[1 / 3, 5, 0.03480097442122576]] };
    expect(vectorDifferences({ scipy: '1', kstwoSf: [[1 / 3, 5, 0.03480097442122543]] }, small)).toEqual([]);
    expect(vectorDifferences({ scipy: '1', kstwoSf: [[1 / 3, 5, 0.0348009744212]] }, small)).toHaveLength(1);
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
      const error = Math.abs(actual - expected);
      expect(error <= 1e-12 * Math.abs(expected) || error <= 2e-15, `${kind}(${x}, ${shape})`).toBe(true);
    }
  });
});
