import type { ColumnSnapshot, QuantileSketch } from '../snapshot/profile-snapshot';
import { kolmogorovSmirnovSurvival } from '../stats/kolmogorov-two-sided';
import { roundHalfEven } from './calculate-bins';
import type { ColumnDriftAlgorithm, DriftScore } from './drift-algorithm';
import {
  type DriftThresholds,
  driftCategory,
  P_VALUE_THRESHOLDS,
  thresholdsToJson,
} from './drift-thresholds';

/** numpy `linspace(0, 1, 100)`: i·(1/99) with the last value exactly 1. */
function defaultQuantiles(): number[] {
  const step = 1 / 99;
  const quantiles = Array.from({ length: 100 }, (_, index) => index * step);
  quantiles[99] = 1;
  return quantiles;
}

/** Options of the KS test (whylogs `KSTestConfig`). */
export interface KsOptions {
  /** Ranks at which both sketches are compared; default numpy `linspace(0, 1, 100)`. */
  quantiles?: readonly number[];
  /** Category thresholds on the p-value; default DRIFT [0, 0.05), POSSIBLE_DRIFT [0.05, 0.15), NO_DRIFT [0.15, 1]. */
  thresholds?: DriftThresholds;
}

/**
 * Two-sample Kolmogorov–Smirnov drift over KLL sketches, as whylogs computes it: D is the largest
 * gap between the exclusive CDFs at the merged quantile values of both sketches, and the p-value
 * is `kstwo.sf(D, round(m·n/(m+n)))`.
 */
export class KsDrift implements ColumnDriftAlgorithm {
  readonly name = 'ks' as const;
  readonly quantiles: readonly number[];
  readonly thresholds: DriftThresholds;

  constructor(options: KsOptions = {}) {
    this.quantiles = options.quantiles ?? defaultQuantiles();
    this.thresholds = options.thresholds ?? P_VALUE_THRESHOLDS;
  }

  calculate(
    target: ColumnSnapshot,
    reference: ColumnSnapshot,
    withThresholds: boolean,
  ): DriftScore | undefined {
    if (!target.distribution || !reference.distribution) return undefined;
    return this.score(target.distribution.kll, reference.distribution.kll, withThresholds);
  }

  /** The KS score of two sketches; undefined when either is empty or the p-value is NaN. */
  score(target: QuantileSketch, reference: QuantileSketch, withThresholds: boolean): DriftScore | undefined {
    if (reference.isEmpty || target.isEmpty) return undefined;
    const targetValues = target.getQuantiles(this.quantiles);
    const referenceValues = reference.getQuantiles(this.quantiles);
    const count = this.quantiles.length;
    let maximum = 0;
    const visit = (value: number) => {
      const gap = Math.abs(target.getCDF([value])[0]! - reference.getCDF([value])[0]!);
      if (gap > maximum) maximum = gap;
    };
    let i = 0;
    let j = 0;
    while (i < count && j < count) {
      if (targetValues[i]! < referenceValues[j]!) visit(targetValues[i++]!);
      else visit(referenceValues[j++]!);
    }
    while (i < count) visit(targetValues[i++]!);
    while (j < count) visit(referenceValues[j++]!);
    const [m, n] = target.n >= reference.n ? [target.n, reference.n] : [reference.n, target.n];
    const effectiveSize = (m * n) / (m + n);
    const pvalue = kolmogorovSmirnovSurvival(maximum, roundHalfEven(effectiveSize));
    if (Number.isNaN(pvalue)) return undefined;
    return {
      algorithm: this.name,
      pvalue,
      statistic: maximum,
      thresholds: withThresholds ? thresholdsToJson(this.thresholds) : null,
      drift_category: withThresholds ? driftCategory(pvalue, this.thresholds) : null,
    };
  }
}
