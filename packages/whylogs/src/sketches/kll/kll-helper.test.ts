import { describe, expect, it } from 'vitest';
import { toHex } from '../../test-support/bytes';
import { seededRandom } from '../../test-support/seeded-random';
import { mergeSortedInPlace, mergeSortedTwoBuffers } from './kll-helper';

/** The item-by-item merge the fork does: A's head when it is below B's, else B's. */
function referenceMerge(first: Float64Array, second: Float64Array): Float64Array {
  const merged = new Float64Array(first.length + second.length);
  let a = 0;
  let b = 0;
  for (let c = 0; c < merged.length; c++) {
    if (a === first.length) merged[c] = second[b++]!;
    else if (b === second.length) merged[c] = first[a++]!;
    else if (first[a]! < second[b]!) merged[c] = first[a++]!;
    else merged[c] = second[b++]!;
  }
  return merged;
}

const bytesOf = (values: Float64Array) =>
  toHex(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));

describe('mergeSortedTwoBuffers', () => {
  it('gives the item-by-item merge bit for bit: runs of equal values, ±0, NaN, empty runs, in place too', () => {
    const random = seededRandom(11);
    const pick = (kind: number): number => {
      if (kind === 0) return Math.floor(random() * 10);
      if (kind === 1) return random() < 0.5 ? -0 : 0;
      if (kind === 2) return random() < 0.1 ? Number.NaN : Math.floor(random() * 3);
      return random() * 1000 - 500;
    };
    for (let trial = 0; trial < 400; trial++) {
      const kind = trial % 4;
      const first = Float64Array.from({ length: Math.floor(random() * 60) }, () => pick(kind));
      const second = Float64Array.from({ length: Math.floor(random() * 60) }, () => pick(kind));
      // Sorted as KLL levels are (NaN runs are not sorted, which the merge must not care about).
      if (kind !== 2) {
        first.sort();
        second.sort();
      }
      const expected = bytesOf(referenceMerge(first, second));
      const merged = new Float64Array(first.length + second.length);
      mergeSortedTwoBuffers(first, 0, first.length, second, 0, second.length, merged, 0);
      expect(bytesOf(merged), `trial ${trial}`).toBe(expected);
      // The compaction's layout: A, a gap as long as A, then B; the result starts after A.
      const buffer = new Float64Array(3 + 2 * first.length + second.length);
      buffer.set(first, 3);
      buffer.set(second, 3 + 2 * first.length);
      mergeSortedInPlace(buffer, 3, first.length, 3 + 2 * first.length, second.length, 3 + first.length);
      expect(bytesOf(buffer.subarray(3 + first.length)), `in place, trial ${trial}`).toBe(expected);
    }
  });
});
