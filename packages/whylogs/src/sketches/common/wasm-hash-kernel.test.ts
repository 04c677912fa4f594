import { describe, expect, it } from 'vitest';
import { slotHashOfSafeInteger } from '../frequencies/reverse-purge-hash-map';
import { couponOfDouble, couponOfSafeInteger } from './hash-values';
import { HASH_KERNEL_SLICE, wasmHashKernel } from './wasm-hash-kernel';

function xorshift(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return state >>> 0;
  };
}

/** Runs the kernel over `values` slice by slice; returns every coupon (or slot hash). */
function kernelHashes(
  values: Float64Array,
  kind: 'doubles' | 'integers' | 'integerItems',
  output: 'coupons' | 'slotHashes' = 'coupons',
): Uint32Array {
  const kernel = wasmHashKernel()!;
  const hashes = new Uint32Array(values.length);
  for (let start = 0; start < values.length; start += HASH_KERNEL_SLICE) {
    const count = Math.min(HASH_KERNEL_SLICE, values.length - start);
    kernel.input.set(values.subarray(start, start + count));
    kernel[kind](count);
    hashes.set(kernel[output].subarray(0, count), start);
  }
  return hashes;
}

/** Safe integers of every length (1…16 digits), both signs, and the edge values. */
function safeIntegers(): Float64Array {
  const next = xorshift(777);
  const values = new Float64Array(HASH_KERNEL_SLICE + 1000);
  for (let index = 0; index < values.length; index++) {
    const magnitude = [10, 1e6, 2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER][index % 5]!;
    const value = Math.floor((next() / 4294967296) * magnitude * (next() / 4294967296));
    values[index] = next() & 1 ? -value : value;
  }
  values.set([
    0,
    -0,
    1,
    -1,
    9,
    10,
    -10,
    12345678,
    123456789,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
  ]);
  values.set([2 ** 32, -(2 ** 32), 1e15, -1e15], 20);
  return values;
}

function mismatches(values: Float64Array, coupons: Uint32Array, reference: (value: number) => number) {
  const found: string[] = [];
  for (let index = 0; index < values.length; index++) {
    if (coupons[index] !== reference(values[index]!)) found.push(`${values[index]}`);
  }
  return found.slice(0, 5);
}

describe('wordCouponKernel', () => {
  it('is available in Node', () => {
    expect(wasmHashKernel()).toBeDefined();
  });

  it('hashes doubles as couponOfDouble does, −0, NaNs, infinities and subnormals included', () => {
    const next = xorshift(12345);
    const words = new Uint32Array(2 * 3 * HASH_KERNEL_SLICE + 2 * 17);
    for (let index = 0; index < words.length; index++) words[index] = next();
    const values = new Float64Array(words.buffer);
    // A NaN with payload and sign, −0, ±Infinity, the smallest subnormal, ±max, integers and fractions.
    const special = new Float64Array([
      Number.NaN,
      -0,
      0,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      5e-324,
      Number.MAX_VALUE,
      -Number.MAX_VALUE,
      1,
      -1,
      0.1,
      123456.789,
    ]);
    values.set(special);
    new Uint32Array(values.buffer, special.length * 8, 2).set([0x00000001, 0xfff00000]);
    expect(Number.isNaN(values[special.length])).toBe(true);
    expect(mismatches(values, kernelHashes(values, 'doubles'), couponOfDouble)).toEqual([]);
  });

  it('hashes safe integers as couponOfSafeInteger does, negative and near 2^53 included', () => {
    const values = safeIntegers();
    expect(mismatches(values, kernelHashes(values, 'integers'), couponOfSafeInteger)).toEqual([]);
    expect(mismatches(values, kernelHashes(values, 'integerItems'), couponOfSafeInteger)).toEqual([]);
  });

  it('gives safe integers the slot hash of their decimal text, as slotHashOfSafeInteger does', () => {
    const values = safeIntegers();
    const hashes = kernelHashes(values, 'integerItems', 'slotHashes');
    expect(mismatches(values, hashes, slotHashOfSafeInteger)).toEqual([]);
  });

  it('does not trap on doubles that are not safe integers (callers ignore their results)', () => {
    const values = new Float64Array([Number.NaN, Number.POSITIVE_INFINITY, -1e300, 0.5, 2 ** 63, -(2 ** 63)]);
    expect(() => kernelHashes(values, 'integerItems')).not.toThrow();
  });
});
