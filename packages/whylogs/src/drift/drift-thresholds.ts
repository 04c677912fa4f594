import { InvalidOptionError } from '@tasklens/core';

/** Ranges [low, high] per drift category (whylogs `DriftThresholds`). */
export interface DriftThresholds {
  readonly NO_DRIFT: readonly [number, number];
  readonly POSSIBLE_DRIFT?: readonly [number, number];
  readonly DRIFT: readonly [number, number];
}

/** Drift categories, most severe first. */
export type DriftCategory = 'DRIFT' | 'POSSIBLE_DRIFT' | 'NO_DRIFT';

/** Default thresholds on p-values (KS and chi-square). */
export const P_VALUE_THRESHOLDS: DriftThresholds = {
  NO_DRIFT: [0.15, 1],
  POSSIBLE_DRIFT: [0.05, 0.15],
  DRIFT: [0, 0.05],
};

/** Default thresholds on the Hellinger distance. */
export const HELLINGER_THRESHOLDS: DriftThresholds = {
  NO_DRIFT: [0, 0.15],
  POSSIBLE_DRIFT: [0.15, 0.4],
  DRIFT: [0.4, 1],
};

/**
 * whylogs' `_get_drift_category`: walks DRIFT, POSSIBLE_DRIFT, NO_DRIFT and returns the first class
 * whose [low, high) holds the measure, or whose running-maximum upper bound equals it (so the
 * highest bound is inclusive: p = 0.05 → DRIFT, 0.15 → POSSIBLE_DRIFT, 1 → NO_DRIFT).
 */
export function driftCategory(measure: number, thresholds: DriftThresholds): DriftCategory {
  let maximum = Number.NEGATIVE_INFINITY;
  for (const category of ['DRIFT', 'POSSIBLE_DRIFT', 'NO_DRIFT'] as const) {
    const range = thresholds[category];
    if (range) {
      if (range[1] > maximum) maximum = range[1];
      if (range[0] <= measure && measure < range[1]) return category;
    }
    if (measure === maximum) return category;
  }
  throw new InvalidOptionError({
    option: 'thresholds',
    message: `Measure ${measure} does not fit into any drift category defined by thresholds.`,
  });
}

/** The thresholds as whylogs' `DriftThresholds.to_dict()` lists them (NO_DRIFT, POSSIBLE_DRIFT, DRIFT). */
export function thresholdsToJson(thresholds: DriftThresholds): Record<string, [number, number]> {
  const result: Record<string, [number, number]> = { NO_DRIFT: [...thresholds.NO_DRIFT] };
  if (thresholds.POSSIBLE_DRIFT) result.POSSIBLE_DRIFT = [...thresholds.POSSIBLE_DRIFT];
  result.DRIFT = [...thresholds.DRIFT];
  return result;
}
