import { regularizedUpperGamma } from './incomplete-gamma';

/**
 * Survival function of the chi-square distribution, as `scipy.stats.chi2.sf(x, df)`: the
 * distribution wrapper answers outside the open support (0, ∞) itself (1 at or below 0, 0 at ∞),
 * and NaN for df ≤ 0; inside it is `chdtrc(df, x)` = Q(df/2, x/2).
 */
export function chiSquareSurvival(x: number, degreesOfFreedom: number): number {
  if (Number.isNaN(x) || Number.isNaN(degreesOfFreedom) || !(degreesOfFreedom > 0)) return Number.NaN;
  if (x <= 0) return 1.0;
  if (x === Number.POSITIVE_INFINITY) return 0.0;
  return regularizedUpperGamma(degreesOfFreedom / 2.0, x / 2.0);
}
