// 64-bit unsigned arithmetic on (high, low) pairs of 32-bit words, without BigInt: the hashes run once per
// sketch update, and BigInt arithmetic is an order of magnitude slower than Math.imul.
//
// Functions return the low word and leave the high word in `carry.high`, so that no object is allocated per
// operation. `carry` is a scratch register, not shared state: every caller reads it right after the call.

/** Scratch register for the high word of the last 64-bit result. */
export const carry = { high: 0 };

/** (aHigh:aLow × bHigh:bLow) mod 2^64. Returns the low word; the high word is in `carry.high`. */
export function multiply64(aHigh: number, aLow: number, bHigh: number, bLow: number): number {
  const a0 = aLow & 0xffff;
  const a1 = aLow >>> 16;
  const b0 = bLow & 0xffff;
  const b1 = bLow >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  const p11 = a1 * b1;
  const middle = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const low = ((middle << 16) | (p00 & 0xffff)) >>> 0;
  // Every term is an exact integer below 2^53, so the sum is exact before the final wrap to 32 bits.
  const highOfLowProduct = p11 + (p01 >>> 16) + (p10 >>> 16) + (middle >>> 16);
  carry.high = (highOfLowProduct + Math.imul(aLow, bHigh) + Math.imul(aHigh, bLow)) >>> 0;
  return low;
}

/** (aHigh:aLow + bHigh:bLow) mod 2^64. Returns the low word; the high word is in `carry.high`. */
export function add64(aHigh: number, aLow: number, bHigh: number, bLow: number): number {
  const low = aLow + bLow;
  carry.high = (aHigh + bHigh + (low > 0xffffffff ? 1 : 0)) >>> 0;
  return low >>> 0;
}

/** Rotate left by 0 < bits < 64. Returns the low word; the high word is in `carry.high`. */
export function rotateLeft64(high: number, low: number, bits: number): number {
  if (bits === 32) {
    carry.high = low >>> 0;
    return high >>> 0;
  }
  if (bits > 32) {
    const swapped = high;
    high = low;
    low = swapped;
    bits -= 32;
  }
  carry.high = ((high << bits) | (low >>> (32 - bits))) >>> 0;
  return ((low << bits) | (high >>> (32 - bits))) >>> 0;
}

/** MurmurHash3's fmix64 finalizer. Returns the low word; the high word is in `carry.high`. */
export function finalizeMix64(high: number, low: number): number {
  // k ^= k >>> 33
  low = (low ^ (high >>> 1)) >>> 0;
  // k *= 0xff51afd7ed558ccd
  low = multiply64(high, low, 0xff51afd7, 0xed558ccd);
  high = carry.high;
  low = (low ^ (high >>> 1)) >>> 0;
  // k *= 0xc4ceb9fe1a85ec53
  low = multiply64(high, low, 0xc4ceb9fe, 0x1a85ec53);
  high = carry.high;
  low = (low ^ (high >>> 1)) >>> 0;
  carry.high = high;
  return low;
}

/** Number of leading zero bits of a 64-bit value (64 for zero). */
export function countLeadingZeros64(high: number, low: number): number {
  return high !== 0 ? Math.clz32(high) : 32 + Math.clz32(low);
}

/** Formats a 64-bit value as 16 lowercase hex digits (tests and diagnostics). */
export function toHex64(high: number, low: number): string {
  return (high >>> 0).toString(16).padStart(8, '0') + (low >>> 0).toString(16).padStart(8, '0');
}
