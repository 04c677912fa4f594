/**
 * A number as people read it: integers as they are; other numbers to 7 significant digits
 * (80.00001569589337 → 80.00002), with an exponent when tiny or huge. Callers keep the exact value
 * next to it (a tooltip, a copyable block), since rounding loses information.
 */
export function formatNumberForPeople(value: number): string {
  if (!Number.isFinite(value) || Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4 || magnitude >= 1e15) return value.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(7)));
}
