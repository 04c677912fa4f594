import { add64, carry, finalizeMix64, multiply64, rotateLeft64 } from './uint64';

/** The seed DataSketches (and so whylogs) uses for HLL hashing. */
export const DEFAULT_HASH_SEED = 9001;

const C1_HIGH = 0x87c37b91;
const C1_LOW = 0x114253d5;
const C2_HIGH = 0x4cf5ad43;
const C2_LOW = 0x2745937f;

/** The two 64-bit lanes of a MurmurHash3_x64_128 result, as unsigned BigInts (convenience, not hot paths). */
export interface MurmurHash3Result {
  h1: bigint;
  h2: bigint;
}

function readWord(bytes: Uint8Array, index: number): number {
  return (
    (bytes[index]! | (bytes[index + 1]! << 8) | (bytes[index + 2]! << 16) | (bytes[index + 3]! << 24)) >>> 0
  );
}

/** Reads `count` (≤ 8) bytes little-endian from `start` into a (high, low) pair; high goes to `carry[0]!`. */
function readPartial(bytes: Uint8Array, start: number, count: number): number {
  let low = 0;
  let high = 0;
  for (let index = count - 1; index >= 0; index--) {
    const byte = bytes[start + index]!;
    if (index >= 4) high = (high << 8) | byte;
    else low = (low << 8) | byte;
  }
  carry[0] = high >>> 0;
  return low >>> 0;
}

/**
 * MurmurHash3_x64_128 of `bytes[offset, offset + length)` exactly as DataSketches' `MurmurHash3.h` computes it
 * (both lanes start at the seed; the length is mixed in as a 64-bit value). Writes
 * [h1High, h1Low, h2High, h2Low] into `out`. Allocation-free; this is the hot-path entry point.
 */
export function murmurHash3Into(
  bytes: Uint8Array,
  offset: number,
  length: number,
  seed: number,
  out: Uint32Array,
): void {
  let h1High = Math.floor(seed / 0x100000000) >>> 0;
  let h1Low = seed >>> 0;
  let h2High = h1High;
  let h2Low = h1Low;
  const blockCount = length >>> 4;
  let k1High: number;
  let k1Low: number;
  let k2High: number;
  let k2Low: number;

  for (let block = 0; block < blockCount; block++) {
    const start = offset + block * 16;
    k1Low = readWord(bytes, start);
    k1High = readWord(bytes, start + 4);
    k2Low = readWord(bytes, start + 8);
    k2High = readWord(bytes, start + 12);

    k1Low = multiply64(k1High, k1Low, C1_HIGH, C1_LOW);
    k1Low = rotateLeft64(carry[0]!, k1Low, 31);
    k1Low = multiply64(carry[0]!, k1Low, C2_HIGH, C2_LOW);
    h1High = (h1High ^ carry[0]!) >>> 0;
    h1Low = (h1Low ^ k1Low) >>> 0;
    h1Low = rotateLeft64(h1High, h1Low, 27);
    h1High = carry[0]!;
    h1Low = add64(h1High, h1Low, h2High, h2Low);
    h1High = carry[0]!;
    h1Low = multiply64(h1High, h1Low, 0, 5);
    h1Low = add64(carry[0]!, h1Low, 0, 0x52dce729);
    h1High = carry[0]!;

    k2Low = multiply64(k2High, k2Low, C2_HIGH, C2_LOW);
    k2Low = rotateLeft64(carry[0]!, k2Low, 33);
    k2Low = multiply64(carry[0]!, k2Low, C1_HIGH, C1_LOW);
    h2High = (h2High ^ carry[0]!) >>> 0;
    h2Low = (h2Low ^ k2Low) >>> 0;
    h2Low = rotateLeft64(h2High, h2Low, 31);
    h2High = carry[0]!;
    h2Low = add64(h2High, h2Low, h1High, h1Low);
    h2High = carry[0]!;
    h2Low = multiply64(h2High, h2Low, 0, 5);
    h2Low = add64(carry[0]!, h2Low, 0, 0x38495ab5);
    h2High = carry[0]!;
  }

  const tailStart = offset + blockCount * 16;
  const tailLength = length & 15;
  if (tailLength > 8) {
    k2Low = readPartial(bytes, tailStart + 8, tailLength - 8);
    k2Low = multiply64(carry[0]!, k2Low, C2_HIGH, C2_LOW);
    k2Low = rotateLeft64(carry[0]!, k2Low, 33);
    k2Low = multiply64(carry[0]!, k2Low, C1_HIGH, C1_LOW);
    h2High = (h2High ^ carry[0]!) >>> 0;
    h2Low = (h2Low ^ k2Low) >>> 0;
  }
  if (tailLength > 0) {
    k1Low = readPartial(bytes, tailStart, Math.min(tailLength, 8));
    k1Low = multiply64(carry[0]!, k1Low, C1_HIGH, C1_LOW);
    k1Low = rotateLeft64(carry[0]!, k1Low, 31);
    k1Low = multiply64(carry[0]!, k1Low, C2_HIGH, C2_LOW);
    h1High = (h1High ^ carry[0]!) >>> 0;
    h1Low = (h1Low ^ k1Low) >>> 0;
  }

  // The length is XORed in as a 64-bit value; inputs are far below 2^32 bytes.
  h1Low = (h1Low ^ length) >>> 0;
  h2Low = (h2Low ^ length) >>> 0;
  h1Low = add64(h1High, h1Low, h2High, h2Low);
  h1High = carry[0]!;
  h2Low = add64(h2High, h2Low, h1High, h1Low);
  h2High = carry[0]!;
  h1Low = finalizeMix64(h1High, h1Low);
  h1High = carry[0]!;
  h2Low = finalizeMix64(h2High, h2Low);
  h2High = carry[0]!;
  h1Low = add64(h1High, h1Low, h2High, h2Low);
  h1High = carry[0]!;
  h2Low = add64(h2High, h2Low, h1High, h1Low);
  h2High = carry[0]!;

  out[0] = h1High;
  out[1] = h1Low;
  out[2] = h2High;
  out[3] = h2Low;
}

/**
 * MurmurHash3_x64_128 with seed 9001 of exactly 8 bytes given as one little-endian 64-bit word (high, low):
 * the int64/double path of HLL updates, specialized (no block loop, no byte reads). Same output layout as
 * `murmurHash3Into`.
 */
export function murmurHash3EightBytesInto(wordHigh: number, wordLow: number, out: Uint32Array): void {
  // Tail of 8 bytes: only k1, mixed into h1; both lanes start at the seed (high word 0).
  let k1Low = multiply64(wordHigh, wordLow, C1_HIGH, C1_LOW);
  k1Low = rotateLeft64(carry[0]!, k1Low, 31);
  k1Low = multiply64(carry[0]!, k1Low, C2_HIGH, C2_LOW);
  let h1High = carry[0]!;
  let h1Low = (DEFAULT_HASH_SEED ^ k1Low) >>> 0;
  // h1 ^= 8; h2 ^= 8
  h1Low = (h1Low ^ 8) >>> 0;
  let h2High = 0;
  let h2Low = (DEFAULT_HASH_SEED ^ 8) >>> 0;
  h1Low = add64(h1High, h1Low, h2High, h2Low);
  h1High = carry[0]!;
  h2Low = add64(h2High, h2Low, h1High, h1Low);
  h2High = carry[0]!;
  h1Low = finalizeMix64(h1High, h1Low);
  h1High = carry[0]!;
  h2Low = finalizeMix64(h2High, h2Low);
  h2High = carry[0]!;
  h1Low = add64(h1High, h1Low, h2High, h2Low);
  h1High = carry[0]!;
  h2Low = add64(h2High, h2Low, h1High, h1Low);
  out[0] = h1High;
  out[1] = h1Low;
  out[2] = carry[0]!;
  out[3] = h2Low;
}

/**
 * MurmurHash3_x64_128 of `bytes` with DataSketches' conventions; `seed` defaults to 9001 (whylogs' HLL seed).
 * Returns both lanes as unsigned 64-bit BigInts. For hot loops use `murmurHash3Into`.
 */
export function murmurHash3x64_128(bytes: Uint8Array, seed: number = DEFAULT_HASH_SEED): MurmurHash3Result {
  const out = new Uint32Array(4);
  murmurHash3Into(bytes, 0, bytes.length, seed, out);
  return {
    h1: (BigInt(out[0]!) << 32n) | BigInt(out[1]!),
    h2: (BigInt(out[2]!) << 32n) | BigInt(out[3]!),
  };
}
