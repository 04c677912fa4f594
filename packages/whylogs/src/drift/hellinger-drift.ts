import type { ColumnSnapshot } from '../snapshot/profile-snapshot';
import { calculateBins } from './calculate-bins';
import type { ColumnDriftAlgorithm, DriftScore } from './drift-algorithm';
import {
  type DriftThresholds,
  driftCategory,
  HELLINGER_THRESHOLDS,
  thresholdsToJson,
} from './drift-thresholds';

/** Options of the Hellinger distance (whylogs `HellingerConfig`). */
export interface HellingerOptions {
  /** Most histogram buckets; default 30. */
  maxHistogramBuckets?: number;
  /** Values per bucket the bucket count aims for; default 4. */
  averagePerBucket?: number;
  /** Fewest buckets; default 2. */
  minBuckets?: number;
  /** Category thresholds on the distance; default NO_DRIFT [0, 0.15), POSSIBLE_DRIFT [0.15, 0.4), DRIFT [0.4, 1]. */
  thresholds?: DriftThresholds;
}

/** Hellinger distance between the two sketches' PMFs over shared bins (0 identical … 1 disjoint). */
export class HellingerDrift implements ColumnDriftAlgorithm {
  readonly name = 'hellinger' as const;
  readonly thresholds: DriftThresholds;
  readonly maxHistogramBuckets: number;
  readonly averagePerBucket: number;
  readonly minBuckets: number;

  constructor(options: HellingerOptions = {}) {
    this.maxHistogramBuckets = options.maxHistogramBuckets ?? 30;
    this.averagePerBucket = options.averagePerBucket ?? 4;
    this.minBuckets = options.minBuckets ?? 2;
    this.thresholds = options.thresholds ?? HELLINGER_THRESHOLDS;
  }

  calculate(
    target: ColumnSnapshot,
    reference: ColumnSnapshot,
    withThresholds: boolean,
  ): DriftScore | undefined {
    if (!target.distribution || !reference.distribution) return undefined;
    const targetSketch = target.distribution.kll;
    const referenceSketch = reference.distribution.kll;
    if (targetSketch.isEmpty || referenceSketch.isEmpty) return undefined;
    const { bins } = calculateBins({
      start: Math.min(targetSketch.min, referenceSketch.min),
      end: Math.max(targetSketch.max, referenceSketch.max),
      n: targetSketch.n + referenceSketch.n,
      averagePerBucket: this.averagePerBucket,
      maxBuckets: this.maxHistogramBuckets,
      minBuckets: this.minBuckets,
    });
    const targetPmf = targetSketch.getPMF(bins);
    const referencePmf = referenceSketch.getPMF(bins);
    let sum = 0;
    for (let index = 0; index < targetPmf.length; index++) {
      const difference = Math.sqrt(targetPmf[index]!) - Math.sqrt(referencePmf[index]!);
      sum += difference * difference;
    }
    const distance = Math.sqrt(sum) / Math.sqrt(2);
    return {
      algorithm: this.name,
      pvalue: null,
      statistic: distance,
      thresholds: withThresholds ? thresholdsToJson(this.thresholds) : null,
      drift_category: withThresholds ? driftCategory(distance, this.thresholds) : null,
    };
  }
}
