/**
 * Whether `actual` agrees with a scipy result `expected`: relative 1e-12 (the spec's cross-language
 * tolerance) or absolute 2e-15. The absolute bound is there because scipy computes many survival
 * values as 1 − CDF, so their rounding noise is a few ulps of 1.0 (summation order in the Pomeranz
 * convolutions), which is relatively large when the result is small. scipy itself moves within this
 * bound across CPUs: the same pinned scipy gives kstwo.sf(0.15, 99) = 0.0207571487983919 on one
 * x86-64 machine and 0.02075714879839025 on an AVX-512 one (7 ulps of 1.0, 470 of the value).
 * NaN matches NaN; infinities and 0 must match exactly (up to 1e-300).
 */
export function withinScipyTolerance(actual: number, expected: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected) || expected === 0) {
    return actual === expected || Math.abs(actual - expected) <= 1e-300;
  }
  const error = Math.abs(actual - expected);
  return error <= 1e-12 * Math.abs(expected) || error <= 2e-15;
}
