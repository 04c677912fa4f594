import type { ColumnSnapshot } from '../snapshot/profile-snapshot';
import type { DriftCategory, DriftThresholds } from './drift-thresholds';

/** A column's drift result, shaped like whylogs' `DriftAlgorithmScore.to_dict()`. */
export interface DriftScore {
  readonly algorithm: 'ks' | 'chi-square' | 'hellinger';
  /** p-value (KS, chi-square); null for Hellinger. */
  readonly pvalue: number | null;
  readonly statistic: number | null;
  /** The thresholds used, when computed `withThresholds`. */
  readonly thresholds: Record<string, [number, number]> | null;
  readonly drift_category: DriftCategory | null;
}

/** A column drift algorithm (whylogs `ColumnDriftAlgorithm`). */
export interface ColumnDriftAlgorithm {
  readonly name: DriftScore['algorithm'];
  readonly thresholds: DriftThresholds;
  /** The score, or undefined when the columns lack the metrics the algorithm needs. */
  calculate(
    target: ColumnSnapshot,
    reference: ColumnSnapshot,
    withThresholds: boolean,
  ): DriftScore | undefined;
}
