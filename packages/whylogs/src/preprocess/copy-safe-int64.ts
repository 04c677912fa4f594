/** |int64| < 2^53 exactly when the high word is in [−2^21, 2^21) (signed) or [0, 2^21) (unsigned). */
const SAFE_HIGH_LIMIT = 0x200000;
const SAFE_HIGH_MINIMUM = -SAFE_HIGH_LIMIT;

/**
 * Converts `count` little-endian 64-bit integers, given as pairs of 32-bit words (`words[2i]` low, `words[2i+1]`
 * high), into `target[offset…]` as doubles; stops at the first one that is not a safe integer and returns how
 * many it converted. Safety check and conversion are one loop with no property reads, so V8 optimizes it once
 * (on-stack) in a fresh process instead of recompiling a bigger function loop by loop.
 */
export function copySafeInt64(
  words: Int32Array,
  count: number,
  signed: boolean,
  target: Float64Array,
  offset: number,
): number {
  const lowestHigh = signed ? SAFE_HIGH_MINIMUM : 0;
  for (let index = 0; index < count; index++) {
    const high = words[2 * index + 1]!;
    if (high < lowestHigh || high >= SAFE_HIGH_LIMIT) return index;
    target[offset + index] = high * 0x100000000 + (words[2 * index]! >>> 0);
  }
  return count;
}
