// Frequent-items keys that spell a safe integer in canonical decimal (`String(n)` for a safe integer n) are
// kept as numbers: integer columns then probe, compare and move float64 keys instead of strings, and build the
// text only when it is read. This file is the bridge between the two forms; both must hash identically.

/** Longest canonical text of a safe integer: "-9007199254740991". */
export const MAX_SAFE_INTEGER_TEXT_LENGTH = 17;

/**
 * The safe integer n with `String(n) === key`, else NaN: optional '-', no leading zeros, no "-0" (which
 * `String` never writes), at most 16 digits and within ±(2^53 − 1).
 */
export function canonicalIntegerOf(key: string): number {
  const length = key.length;
  if (length === 0 || length > MAX_SAFE_INTEGER_TEXT_LENGTH) return Number.NaN;
  const negative = key.charCodeAt(0) === 0x2d;
  let index = negative ? 1 : 0;
  if (index === length) return Number.NaN;
  const first = key.charCodeAt(index) - 0x30;
  if (first < 0 || first > 9) return Number.NaN;
  // "0" alone is canonical; "-0", "00", "01" are not.
  if (first === 0 && (negative || length > 1)) return Number.NaN;
  let value = 0;
  for (; index < length; index++) {
    const digit = key.charCodeAt(index) - 0x30;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  // Up to 16 digits the accumulation is exact while the result is ≤ 2^53; beyond it isSafeInteger rejects it
  // (a rounded 2^53 or more is not safe, so an inexact accumulation is never accepted).
  if (!Number.isSafeInteger(value)) return Number.NaN;
  return negative ? -value : value;
}

/**
 * Writes `String(value)` of a safe integer as ASCII into `bytes` (room for 17) and returns its length. −0 is
 * written as "0", as `String` does.
 */
export function writeSafeIntegerText(value: number, bytes: Uint8Array): number {
  let length = 0;
  let rest = value;
  if (rest < 0) {
    bytes[length++] = 0x2d;
    rest = -rest;
  }
  const start = length;
  if (rest < 0x80000000) {
    // Small magnitudes (the common case) with int32 arithmetic.
    let small = rest | 0;
    do {
      const quotient = (small / 10) | 0;
      bytes[length++] = 0x30 + small - quotient * 10;
      small = quotient;
    } while (small !== 0);
  } else {
    do {
      const digit = rest % 10;
      bytes[length++] = 0x30 + digit;
      // rest − digit is a multiple of 10, so the division is exact.
      rest = (rest - digit) / 10;
    } while (rest !== 0);
  }
  // Digits were written least significant first.
  for (let left = start, right = length - 1; left < right; left++, right--) {
    const swap = bytes[left]!;
    bytes[left] = bytes[right]!;
    bytes[right] = swap;
  }
  return length;
}
