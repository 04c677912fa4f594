import { describe, expect, it } from 'vitest';
import { numpyMean } from '../numeric/numpy-sum';
import { extremes, findExtremes } from '../sketches/kll/kll-helper';
import { seededRandom } from '../test-support/seeded-random';
import { integerStats, scanIntegers } from './scan-integers';

describe('scanIntegers', () => {
  it('finds the extremes findExtremes finds and a sum whose mean is numpy mean bit for bit when it says exact', () => {
    const random = seededRandom(7);
    let exactBatches = 0;
    for (const magnitude of [1, 10, 1000, 2 ** 31, 2 ** 40, 2 ** 45, 2 ** 52]) {
      for (const length of [1, 2, 7, 8, 129, 8192, 8193, 30_000]) {
        const values = Float64Array.from({ length }, () => Math.round((random() * 2 - 1) * magnitude));
        const exact = scanIntegers(values);
        expect(findExtremes(values, 0, length)).toBe(true);
        expect(Object.is(integerStats[0], extremes[0])).toBe(true);
        expect(Object.is(integerStats[1], extremes[1])).toBe(true);
        expect(exact).toBe(length * Math.max(-extremes[0]!, extremes[1]!) <= 2 ** 53);
        if (exact) {
          exactBatches++;
          expect(Object.is(integerStats[2]! / length, numpyMean(values))).toBe(true);
        }
      }
    }
    // Both outcomes were exercised: large magnitudes times long batches are not exact.
    expect(exactBatches).toBeGreaterThan(10);
    expect(exactBatches).toBeLessThan(56);
  });

  it('keeps the first of equal extremes, and sums only −0 to +0 as numpySum does', () => {
    const zeros = Float64Array.of(-0, 0, -0, 0, 0, 0, 0, 0, 0);
    scanIntegers(zeros);
    expect(Object.is(integerStats[0], -0)).toBe(true);
    expect(Object.is(integerStats[1], -0)).toBe(true);
    expect(Object.is(integerStats[2], 0)).toBe(true);
    const negativeZeros = new Float64Array(20).fill(-0);
    expect(scanIntegers(negativeZeros)).toBe(true);
    expect(Object.is(integerStats[2]! / 20, numpyMean(negativeZeros))).toBe(true);
    expect(Object.is(integerStats[2], 0)).toBe(true);
  });

  it('notes a −0 anywhere in the batch, including past its first slice', () => {
    const values = Float64Array.from({ length: 5000 }, (_, index) => index % 10);
    scanIntegers(values);
    expect(integerStats[3]).toBe(0);
    for (const position of [0, 1023, 1024, 4999]) {
      const withNegativeZero = values.slice();
      withNegativeZero[position] = -0;
      scanIntegers(withNegativeZero);
      expect(integerStats[3], `−0 at ${position}`).toBe(1);
    }
  });
});
