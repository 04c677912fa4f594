// 64-bit unsigned arithmetic on (high, low) pairs of 32-bit words, without BigInt: the hashes run once per
// sketch update, and BigInt arithmetic is an order of magnitude slower than Math.imul.
//
// Functions return the low word and leave the high word in `carry[0]!`, so that no object is allocated per
// operation. `carry` is a scratch register, not shared state: every caller reads it right after the call.

/**
 * Scratch register for the high word of the last 64-bit result. A typed array, not an object field: stores stay
 * unboxed (an object property holding values ≥ 2^31 would allocate a heap number per operation).
 */
export const carry = new Uint32Array(1);

/** High 32 bits of the 64-bit product of two uint32s, exactly, from 16-bit halves (no float rounding). */
export function multiplyHigh32(left: number, right: number): number {
  const leftLow = left & 0xffff;
  const leftHigh = left >>> 16;
  const rightLow = right & 0xffff;
  const rightHigh = right >>> 16;
  const middle = leftHigh * rightLow + ((leftLow * rightLow) >>> 16);
  return leftHigh * rightHigh + (middle >>> 16) + ((leftLow * rightHigh + (middle & 0xffff)) >>> 16);
}

/** (aHigh:aLow × bHigh:bLow) mod 2^64. Returns the low word; the high word is in `carry[0]!`. */
export function multiply64(aHigh: number, aLow: number, bHigh: number, bLow: number): number {
  // The high word of aLow × bLow from 16-bit halves: all integer steps, faster than rounding a double product.
  carry[0] = (multiplyHigh32(aLow, bLow) + Math.imul(aLow, bHigh) + Math.imul(aHigh, bLow)) >>> 0;
  return Math.imul(aLow, bLow) >>> 0;
}

/** (aHigh:aLow + bHigh:bLow) mod 2^64. Returns the low word; the high word is in `carry[0]!`. */
export function add64(aHigh: number, aLow: number, bHigh: number, bLow: number): number {
  const low = aLow + bLow;
  carry[0] = (aHigh + bHigh + (low > 0xffffffff ? 1 : 0)) >>> 0;
  return low >>> 0;
}

/** Rotate left by 0 < bits < 64. Returns the low word; the high word is in `carry[0]!`. */
export function rotateLeft64(high: number, low: number, bits: number): number {
  if (bits === 32) {
    carry[0] = low >>> 0;
    return high >>> 0;
  }
  if (bits > 32) {
    const swapped = high;
    high = low;
    low = swapped;
    bits -= 32;
  }
  carry[0] = ((high << bits) | (low >>> (32 - bits))) >>> 0;
  return ((low << bits) | (high >>> (32 - bits))) >>> 0;
}

/** MurmurHash3's fmix64 finalizer. Returns the low word; the high word is in `carry[0]!`. */
export function finalizeMix64(high: number, low: number): number {
  // k ^= k >>> 33
  low = (low ^ (high >>> 1)) >>> 0;
  // k *= 0xff51afd7ed558ccd
  low = multiply64(high, low, 0xff51afd7, 0xed558ccd);
  high = carry[0]!;
  low = (low ^ (high >>> 1)) >>> 0;
  // k *= 0xc4ceb9fe1a85ec53
  low = multiply64(high, low, 0xc4ceb9fe, 0x1a85ec53);
  high = carry[0]!;
  low = (low ^ (high >>> 1)) >>> 0;
  carry[0] = high;
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
