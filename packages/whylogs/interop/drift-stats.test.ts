import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chiSquareSurvival, kolmogorovSmirnovSurvival } from '../src/stats';
import { packageRoot, runPython } from './drift-oracle';

const generator = `${packageRoot}src/stats/__fixtures__/generate-scipy-vectors.py`;

describe('scipy ports against the live oracle', () => {
  it('the checked-in scipy vectors are what the oracle scipy produces today', () => {
    const live = JSON.parse(runPython([generator, '-']));
    const checkedIn = JSON.parse(
      readFileSync(`${packageRoot}src/stats/__fixtures__/scipy-vectors.json`, 'utf8'),
    );
    expect(live).toEqual(checkedIn);
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
