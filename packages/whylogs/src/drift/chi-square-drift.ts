import type { ColumnSnapshot } from '../snapshot/profile-snapshot';
import { chiSquareSurvival } from '../stats/chi-square-distribution';
import type { ColumnDriftAlgorithm, DriftScore } from './drift-algorithm';
import {
  type DriftThresholds,
  driftCategory,
  P_VALUE_THRESHOLDS,
  thresholdsToJson,
} from './drift-thresholds';

/** Options of the chi-square test (whylogs `ChiSquareConfig`). */
export interface ChiSquareOptions {
  /** Category thresholds on the p-value; default DRIFT [0, 0.05), POSSIBLE_DRIFT [0.05, 0.15), NO_DRIFT [0.15, 1]. */
  thresholds?: DriftThresholds;
}

interface FrequentStats {
  items: { value: string; estimate: number }[];
  total: number;
  unique: number;
}

function frequentStats(column: ColumnSnapshot): FrequentStats | undefined {
  if (!column.frequentItems || !column.cardinality) return undefined;
  return {
    items: column.frequentItems.frequentStrings.map((item) => ({ value: item.value, estimate: item.est })),
    total: column.counts?.n ?? 0,
    unique: Math.trunc(column.cardinality.estimate),
  };
}

/**
 * Chi-square drift over frequent items, as whylogs computes it: expected counts are the reference
 * proportions scaled to the target total and truncated to integers; a target value with an
 * expected count of 0 makes the statistic infinite (p = 0). Degrees of freedom: max(⌊HLL⌋ - 1, 1).
 */
export class ChiSquareDrift implements ColumnDriftAlgorithm {
  readonly name = 'chi-square' as const;
  readonly thresholds: DriftThresholds;

  constructor(options: ChiSquareOptions = {}) {
    this.thresholds = options.thresholds ?? P_VALUE_THRESHOLDS;
  }

  calculate(
    target: ColumnSnapshot,
    reference: ColumnSnapshot,
    withThresholds: boolean,
  ): DriftScore | undefined {
    const targetStats = frequentStats(target);
    const referenceStats = frequentStats(reference);
    if (!targetStats || !referenceStats) return undefined;
    if (referenceStats.total <= 0 || targetStats.total <= 0) return undefined;
    // whylogs pads both lists in place with zero estimates for values only the other one has.
    const targetValues = new Set(targetStats.items.map((item) => item.value));
    for (const item of referenceStats.items) {
      if (!targetValues.has(item.value)) {
        targetStats.items.push({ value: item.value, estimate: 0 });
        targetValues.add(item.value);
      }
    }
    const referenceEstimates = new Map<string, number>();
    for (const item of referenceStats.items) referenceEstimates.set(item.value, item.estimate);
    for (const item of targetStats.items) {
      if (!referenceEstimates.has(item.value)) {
        referenceStats.items.push({ value: item.value, estimate: 0 });
        referenceEstimates.set(item.value, 0);
      }
    }
    let statistic = 0.0;
    for (const item of targetStats.items) {
      const proportion = (referenceEstimates.get(item.value) ?? 0) / referenceStats.total;
      const expected = Math.trunc(proportion * targetStats.total);
      if (expected === 0) {
        statistic = Number.POSITIVE_INFINITY;
        break;
      }
      statistic += (item.estimate - expected) ** 2 / expected;
    }
    const degreesOfFreedom = Math.max(targetStats.unique - 1, 1);
    const pvalue = chiSquareSurvival(statistic, degreesOfFreedom);
    return {
      algorithm: this.name,
      pvalue,
      statistic,
      thresholds: withThresholds ? thresholdsToJson(this.thresholds) : null,
      drift_category: withThresholds ? driftCategory(pvalue, this.thresholds) : null,
    };
  }
}
