// MurmurHash3_x64_128 (seed 9001) of one 8-byte little-endian word, straight to an HLL coupon: the hash every
// int64 and double update of an HLL sketch needs. Written out with local 32-bit limbs only, no scratch
// registers (only the small, inlined `multiplyHigh32`), so V8 keeps every intermediate in registers (the generic path in `murmur-hash3.ts`
// stays the reference; tests check the two agree).

import { multiplyHigh32 } from './uint64';

const SEED = 9001;

/**
 * The HLL coupon of the 8-byte word (high, low), both unsigned 32-bit: the low 26 bits of h1 as the slot
 * address and min(leading zeros of h2, 62) + 1 as the value, `(value << 26 | address) >>> 0`.
 */
export function couponOfWord(wordHigh: number, wordLow: number): number {
  // k1 = word * C1 (0x87c37b91114253d5)
  let low = Math.imul(wordLow, 0x114253d5) >>> 0;
  let high =
    (multiplyHigh32(wordLow, 0x114253d5) +
      Math.imul(wordLow, 0x87c37b91) +
      Math.imul(wordHigh, 0x114253d5)) >>>
    0;
  // k1 = rotl64(k1, 31)
  const rotatedHigh = ((high << 31) | (low >>> 1)) >>> 0;
  const rotatedLow = ((low << 31) | (high >>> 1)) >>> 0;
  // k1 *= C2 (0x4cf5ad432745937f)
  low = Math.imul(rotatedLow, 0x2745937f) >>> 0;
  high =
    (multiplyHigh32(rotatedLow, 0x2745937f) +
      Math.imul(rotatedLow, 0x4cf5ad43) +
      Math.imul(rotatedHigh, 0x2745937f)) >>>
    0;
  // h1 = seed ^ k1 ^ 8 (length); h2 = seed ^ 8
  let h1High = high;
  let h1Low = (low ^ SEED ^ 8) >>> 0;
  let h2High = 0;
  let h2Low = (SEED ^ 8) >>> 0;
  // h1 += h2; h2 += h1
  let sum = h1Low + h2Low;
  h1High = (h1High + h2High + (sum > 0xffffffff ? 1 : 0)) >>> 0;
  h1Low = sum >>> 0;
  sum = h2Low + h1Low;
  h2High = (h2High + h1High + (sum > 0xffffffff ? 1 : 0)) >>> 0;
  h2Low = sum >>> 0;

  // h1 = fmix64(h1)
  h1Low = (h1Low ^ (h1High >>> 1)) >>> 0;
  low = Math.imul(h1Low, 0xed558ccd) >>> 0;
  high =
    (multiplyHigh32(h1Low, 0xed558ccd) + Math.imul(h1Low, 0xff51afd7) + Math.imul(h1High, 0xed558ccd)) >>> 0;
  low = (low ^ (high >>> 1)) >>> 0;
  h1Low = Math.imul(low, 0x1a85ec53) >>> 0;
  h1High = (multiplyHigh32(low, 0x1a85ec53) + Math.imul(low, 0xc4ceb9fe) + Math.imul(high, 0x1a85ec53)) >>> 0;
  h1Low = (h1Low ^ (h1High >>> 1)) >>> 0;

  // h2 = fmix64(h2)
  h2Low = (h2Low ^ (h2High >>> 1)) >>> 0;
  low = Math.imul(h2Low, 0xed558ccd) >>> 0;
  high =
    (multiplyHigh32(h2Low, 0xed558ccd) + Math.imul(h2Low, 0xff51afd7) + Math.imul(h2High, 0xed558ccd)) >>> 0;
  low = (low ^ (high >>> 1)) >>> 0;
  h2Low = Math.imul(low, 0x1a85ec53) >>> 0;
  h2High = (multiplyHigh32(low, 0x1a85ec53) + Math.imul(low, 0xc4ceb9fe) + Math.imul(high, 0x1a85ec53)) >>> 0;
  h2Low = (h2Low ^ (h2High >>> 1)) >>> 0;

  // h1 += h2; h2 += h1 (only h1's low word and h2 are needed for the coupon)
  sum = h1Low + h2Low;
  h1High = (h1High + h2High + (sum > 0xffffffff ? 1 : 0)) >>> 0;
  h1Low = sum >>> 0;
  sum = h2Low + h1Low;
  h2High = (h2High + h1High + (sum > 0xffffffff ? 1 : 0)) >>> 0;
  h2Low = sum >>> 0;

  const leadingZeros = h2High !== 0 ? Math.clz32(h2High) : 32 + Math.clz32(h2Low);
  const value = Math.min(leadingZeros, 62) + 1;
  return ((value << 26) | (h1Low & 0x3ffffff)) >>> 0;
}
