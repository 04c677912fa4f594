export { calculateBins } from './calculate-bins';
export { calculateDriftScores, type DriftOptions } from './calculate-drift-scores';
export { ChiSquareDrift, type ChiSquareOptions } from './chi-square-drift';
export type { ColumnDriftAlgorithm, DriftScore } from './drift-algorithm';
export {
  type DriftCategory,
  type DriftThresholds,
  driftCategory,
  HELLINGER_THRESHOLDS,
  P_VALUE_THRESHOLDS,
} from './drift-thresholds';
export { HellingerDrift, type HellingerOptions } from './hellinger-drift';
export { KsDrift, type KsOptions } from './ks-drift';
