import { describe, expect, it } from 'vitest';
import { numpyM2, numpyMean, numpySum } from './numpy-sum';

describe('numpy summation', () => {
  it('reproduces the spec §3.3 check values', () => {
    expect(numpyMean([1.0, 2.2, 0.1, 1.2])).toBe(1.125);
    expect(numpyM2([1.0, 2.2, 0.1, 1.2])).toBe(2.2275000000000005);
    expect(numpyMean([4, 2, 3, 5])).toBe(3.5);
    expect(numpyM2([4, 2, 3, 5])).toBe(5);
    const hundred = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(numpyMean(hundred)).toBe(50.5);
    expect(numpyM2(hundred)).toBe(83325);
  });

  it('sums pairwise with eight accumulators, not left to right', () => {
    const values = [1e16, 1, 1, 1, 1, 1, 1, 1, 1, -1e16];
    const naive = values.reduce((total, value) => total + value, 0);
    // ((1e16+1)+(1+1)) + ((1+1)+(1+1)) then +1 -1e16 = 8 exactly in the 8-accumulator scheme.
    expect(numpySum(values)).not.toBe(naive);
    expect(numpySum(values)).toBe(8);
  });
});
