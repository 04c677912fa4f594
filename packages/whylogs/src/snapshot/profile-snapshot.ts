/**
 * The per-column metric data that drift, constraints and reports read from a profile. A
 * `DatasetProfileView` is turned into this shape by `profileSnapshot()`; tests and callers with
 * their own sketches can also build it directly.
 */

/** The part of a KLL doubles sketch the drift and report code queries (exclusive ranks, as whylogs). */
export interface QuantileSketch {
  readonly n: number;
  readonly isEmpty: boolean;
  readonly min: number;
  readonly max: number;
  getQuantile(rank: number): number;
  getQuantiles(ranks: readonly number[]): number[];
  getCDF(splitPoints: readonly number[]): number[];
  getPMF(splitPoints: readonly number[]): number[];
}

/** One `frequent_strings` entry (whylogs `FrequentItem`), as listed with NO_FALSE_POSITIVES. */
export interface FrequentItem {
  readonly value: string;
  readonly est: number;
  readonly upper: number;
  readonly lower: number;
}

/** whylogs' `counts` metric. */
export interface CountsMetric {
  readonly n: number;
  readonly null: number;
  readonly nan: number;
  readonly inf: number;
  /** `counts/true`; absent in profiles written before whylogs tracked booleans. */
  readonly true?: number;
}

/** whylogs' `types` metric. */
export interface TypesMetric {
  readonly integral: number;
  readonly fractional: number;
  readonly boolean: number;
  readonly string: number;
  readonly object: number;
  readonly tensor: number;
}

/** whylogs' `distribution` metric: a KLL sketch plus the running mean and M2. */
export interface DistributionMetric {
  readonly kll: QuantileSketch;
  readonly mean: number;
  readonly m2: number;
}

/** whylogs' `ints` metric (sentinels when nothing was seen). */
export interface IntsMetric {
  readonly max: number;
  readonly min: number;
}

/** whylogs' `cardinality` metric: the HLL estimate and its bounds at 1, 2 and 3 standard deviations. */
export interface CardinalityMetric {
  readonly estimate: number;
  /** Upper bounds indexed by number of standard deviations (1, 2, 3). */
  readonly upper: Readonly<Record<1 | 2 | 3, number>>;
  /** Lower bounds indexed by number of standard deviations (1, 2, 3). */
  readonly lower: Readonly<Record<1 | 2 | 3, number>>;
}

/** whylogs' `frequent_items` metric, already listed (NO_FALSE_POSITIVES, estimate descending). */
export interface FrequentItemsMetric {
  readonly frequentStrings: readonly FrequentItem[];
}

/** Every standard metric a column may carry; absent members are metrics the column does not have. */
export interface ColumnSnapshot {
  readonly counts?: CountsMetric;
  readonly types?: TypesMetric;
  readonly distribution?: DistributionMetric;
  readonly ints?: IntsMetric;
  readonly cardinality?: CardinalityMetric;
  readonly frequentItems?: FrequentItemsMetric;
}

/** Columns of one profile, in whylogs' column order. */
export type ProfileSnapshot = ReadonlyMap<string, ColumnSnapshot>;
