import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { caseInput, type SortCase } from './__fixtures__/libstdcxx-sort-inputs.mjs';
import { KllDoublesSketch } from './kll-doubles-sketch';
import { libstdcxxSort } from './libstdcxx-sort';
import { sortRange } from './sort-range';

interface Vectors {
  cases: (SortCase & { negativeZeroMask: string })[];
}
// Written by generate-libstdcxx-sort-vectors.cpp compiled with g++ 12.2 (see the .mjs for the command).
const vectors = JSON.parse(
  readFileSync(new URL('./__fixtures__/libstdcxx-sort-vectors.json', import.meta.url), 'utf8'),
) as Vectors;

function negativeZeroMask(values: Float64Array): string {
  return Array.from(values, (value) => (Object.is(value, -0) ? '1' : '0')).join('');
}

describe('libstdc++ std::sort port', () => {
  // A generous bound: CPU-bound, and the test machine may be shared.
  it(`leaves ±0 where g++'s std::sort does, on ${vectors.cases.length} arrays of 2 to 5,000 items`, {
    timeout: 120_000,
  }, () => {
    for (const { seed, size, shape, negativeZeroMask: expected } of vectors.cases) {
      const values = caseInput(seed, size, shape);
      const sorted = Float64Array.from(values).sort();
      libstdcxxSort(values, 0, values.length);
      // Same values in the same order (=== does not tell the zeros apart; the mask below does).
      let mismatch = -1;
      for (let index = 0; index < size && mismatch < 0; index++)
        if (values[index] !== sorted[index]) mismatch = index;
      expect(mismatch, `${shape} ${size}`).toBe(-1);
      expect(negativeZeroMask(values), `${shape} ${size}`).toBe(expected);
    }
  });

  it('is what the KLL sort uses when a range mixes −0 and +0', { timeout: 120_000 }, () => {
    for (const { seed, size, shape, negativeZeroMask: expected } of vectors.cases) {
      const values = caseInput(seed, size, shape);
      sortRange(values, 0, values.length);
      expect(negativeZeroMask(values), `${shape} ${size}`).toBe(expected);
    }
  });

  it('answers q_25 = +0.0 like Python whylogs on 0.0, −0.0, ±inf, ±1 (NaN is not sketched)', () => {
    // Python: why.log(pd.DataFrame({'x': [0.0, -0.0, nan, inf, -inf, -0.0, 0.0, 1.0, -1.0, -0.0, 0.0, 0.0]}))
    // gives distribution/q_25 0.0, median 0.0, q_75 0.0 (checked with the oracle's whylogs 1.6.4).
    const sketch = KllDoublesSketch.create();
    for (const value of [0, -0, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1, -1, -0, 0, 0])
      sketch.update(value);
    const [q25, median, q75] = sketch.getQuantiles([0.25, 0.5, 0.75]);
    expect(Object.is(q25, 0)).toBe(true);
    expect(Object.is(median, 0)).toBe(true);
    expect(Object.is(q75, 0)).toBe(true);
  });
});
