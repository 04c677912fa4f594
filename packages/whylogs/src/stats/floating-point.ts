// C's frexp/ldexp for JavaScript numbers, exact (bit-level) so that scaled products match C.
const buffer = new DataView(new ArrayBuffer(8));

/** Splits x into [mantissa, exponent] with 0.5 ≤ |mantissa| < 1 and x = mantissa·2^exponent (C `frexp`). */
export function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  buffer.setFloat64(0, x);
  let biased = (buffer.getUint16(0) >>> 4) & 0x7ff;
  let value = x;
  let adjustment = 0;
  if (biased === 0) {
    // Subnormal: scale into the normal range first.
    value = x * 2 ** 64;
    adjustment = -64;
    buffer.setFloat64(0, value);
    biased = (buffer.getUint16(0) >>> 4) & 0x7ff;
  }
  const exponent = biased - 1022;
  const high = buffer.getUint16(0);
  buffer.setUint16(0, (high & 0x800f) | (1022 << 4));
  return [buffer.getFloat64(0), exponent + adjustment];
}

/** x·2^exponent (C `ldexp`), split in steps so that large exponents neither overflow nor underflow early. */
export function ldexp(x: number, exponent: number): number {
  let value = x;
  let remaining = exponent;
  while (remaining > 1000) {
    value *= 2 ** 1000;
    remaining -= 1000;
  }
  while (remaining < -1000) {
    value *= 2 ** -1000;
    remaining += 1000;
  }
  return value * 2 ** remaining;
}
