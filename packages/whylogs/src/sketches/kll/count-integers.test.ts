import { describe, expect, it } from 'vitest';
import { countIntegers } from './count-integers';

/** Reads and zeroes counts[0…span], as callers must before the next call. */
function takeCounts(counts: Uint32Array, span: number): number[] {
  const taken = Array.from(counts.subarray(0, span + 1));
  counts.fill(0, 0, span + 1);
  return taken;
}

describe('countIntegers', () => {
  it('counts each offset from min, also for a span wider than the scratch array so far', () => {
    const narrow = Float64Array.of(3, 5, 3, 12, 3);
    expect(takeCounts(countIntegers(narrow, 0, narrow.length, 3, 9), 9)).toEqual([
      3, 0, 1, 0, 0, 0, 0, 0, 0, 1,
    ]);
    const span = 10_000;
    const wide = Float64Array.of(-7, span - 7, 0, -7, 4000);
    const counts = takeCounts(countIntegers(wide, 1, wide.length, -7, span), span);
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(4);
    expect([counts[0], counts[7], counts[4007], counts[span]]).toEqual([1, 1, 1, 1]);
  });
});
