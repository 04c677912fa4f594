/**
 * C's `printf("%f", value)` (what `std::to_string(double)` gives, and so what whylogs' frequent items store
 * for floats): six decimals, exact ties rounded half to even (JS `toFixed` rounds them away from zero), no
 * exponent for large values, `inf` / `-inf` / `nan` / `-nan`, and `-0.000000` for negative zero.
 */
export function formatFixed6(value: number): string {
  if (Number.isNaN(value)) {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value);
    return view.getUint8(0) & 0x80 ? '-nan' : 'nan';
  }
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.000000' : '0.000000';
  const magnitude = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  if (magnitude >= 1e21) {
    // Doubles this large are integers; toFixed would switch to exponent notation.
    return `${sign}${BigInt(magnitude).toString()}.000000`;
  }
  let text = magnitude.toFixed(6);
  // A tie at the 7th decimal needs magnitude * 2 * 10^6 to be an odd integer, so magnitude * 128 is an
  // integer and its decimal expansion ends by the 7th digit, where toFixed(7) is exact.
  if (Number.isInteger(magnitude * 128)) {
    const seven = magnitude.toFixed(7);
    if (seven.endsWith('5')) {
      const truncated = seven.slice(0, -1);
      const lastDigit = truncated.charCodeAt(truncated.length - 1) - 48;
      if (lastDigit % 2 === 0) text = truncated;
    }
  }
  return sign + text;
}
