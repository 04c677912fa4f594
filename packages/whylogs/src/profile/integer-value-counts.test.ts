import { describe, expect, it } from 'vitest';
import { IntegerValueCounts, MAX_DISTINCT_VALUES } from './integer-value-counts';

describe('IntegerValueCounts', () => {
  it('counts distinct values in order of first occurrence, −0 with 0, across colliding slots', () => {
    const counts = new IntegerValueCounts();
    // 4096 apart: the same low bits, so the same slot before probing.
    const ints = Float64Array.of(7, -3, 7, 4103, 0, -0, 2 ** 40, 7, 4103, -(2 ** 40));
    expect(counts.count(ints, 0, ints.length, MAX_DISTINCT_VALUES)).toBe(ints.length);
    const seen = Array.from({ length: counts.distinct }, (_, position) => [
      counts.valueAt(position),
      counts.countAt(position),
    ]);
    expect(seen).toEqual([
      [7, 3],
      [-3, 1],
      [4103, 2],
      [0, 2],
      [2 ** 40, 1],
      [-(2 ** 40), 1],
    ]);
    counts.clear();
    expect(counts.distinct).toBe(0);
    expect(counts.count(Float64Array.of(4103), 0, 1, 4)).toBe(1);
    expect([counts.valueAt(0), counts.countAt(0)]).toEqual([4103, 1]);
  });

  it('stops at the value that would exceed the limit or is not a safe integer', () => {
    const counts = new IntegerValueCounts();
    expect(counts.count(Float64Array.of(1, 2, 1, 3, 2), 0, 5, 2)).toBe(3);
    expect(counts.distinct).toBe(2);
    counts.clear();
    for (const odd of [2.5, Number.NaN, 2 ** 53, Number.POSITIVE_INFINITY]) {
      expect(counts.count(Float64Array.of(1, 1, odd, 1), 0, 4, 10)).toBe(2);
      expect(counts.countAt(0)).toBe(2);
      counts.clear();
    }
    // A repeat of a counted value never stops the count, even at the limit.
    expect(counts.count(Float64Array.of(5, 5, 5), 0, 3, 1)).toBe(3);
  });
});
