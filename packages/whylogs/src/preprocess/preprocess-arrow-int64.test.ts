import { makeVector } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { ArrowVector } from './arrow-table-like';
import { copySafeInt64 } from './copy-safe-int64';
import { preprocessArrowVector } from './preprocess-arrow-vector';

const SAFE = 2n ** 53n - 1n;

function intsOf(vector: unknown): Float64Array | BigInt64Array | null {
  return preprocessArrowVector(vector as ArrowVector).column.ints;
}

describe('Arrow int64 columns', () => {
  it('converts signed values up to ±(2^53 − 1) exactly, as doubles', () => {
    const values = [0n, -1n, 1n, -(2n ** 31n), 2n ** 32n + 7n, -(2n ** 40n) - 3n, SAFE, -SAFE];
    const ints = intsOf(makeVector(BigInt64Array.from(values)));
    expect(ints).toBeInstanceOf(Float64Array);
    expect(Array.from(ints as Float64Array)).toEqual(values.map(Number));
  });

  it('keeps the column as int64 values once one value is beyond 2^53, even in a later chunk', () => {
    const first = makeVector(BigInt64Array.from([1n, 2n, 3n]));
    const second = makeVector(BigInt64Array.from([4n, SAFE + 1n, -5n]));
    const vector = first.concat(second);
    expect(vector.data).toHaveLength(2);
    const ints = intsOf(vector);
    expect(ints).toBeInstanceOf(BigInt64Array);
    expect(Array.from(ints as BigInt64Array)).toEqual([1n, 2n, 3n, 4n, SAFE + 1n, -5n]);
  });

  it('reads uint64 as unsigned below 2^53 and wraps it as int64 beyond 2^63 (numpy astype(int))', () => {
    const small = intsOf(makeVector(BigUint64Array.from([0n, 2n ** 32n, SAFE])));
    expect(Array.from(small as Float64Array)).toEqual([0, 2 ** 32, Number(SAFE)]);
    const large = intsOf(makeVector(BigUint64Array.from([1n, 2n ** 63n + 5n])));
    expect(Array.from(large as BigInt64Array)).toEqual([1n, -(2n ** 63n) + 5n]);
  });

  it('stops converting at the first unsafe value and says how many it converted', () => {
    const words = new Int32Array(BigInt64Array.from([5n, -6n, 2n ** 53n, 7n]).buffer);
    const target = new Float64Array(6);
    expect(copySafeInt64(words, 4, true, target, 2)).toBe(2);
    expect(Array.from(target)).toEqual([0, 0, 5, -6, 0, 0]);
    // −1 read as unsigned is 2^64 − 1: unsafe at once.
    expect(copySafeInt64(words, 4, false, target, 0)).toBe(1);
  });
});
