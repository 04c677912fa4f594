import type { DatasetSchema } from '../preprocess/dataset-schema';
import type { RandomBit } from '../sketches';

/** whylogs `MetricConfig` settings that shape a profile. */
export interface ProfileOptions {
  /** KLL accuracy `k` for distributions. Default 1024 (whylogs ≥ 1.0.7 with `large_kll_k`). No env var. */
  kllK?: number;
  /** HLL `lgK` for cardinality. Default 12 (`hll_lg_k`). No env var. */
  hllLgK?: number;
  /** Frequent-items map size exponent. Default 10 (`fi_lg_max_k`). No env var. */
  frequentItemsLgMaxK?: number;
  /** Strings are cut to this many code points before frequent items. Default 128 (`max_frequent_item_size`). No env var. */
  maxFrequentItemSize?: number;
  /** Drop frequent items from every column. Default false (`fi_disabled`). No env var. */
  frequentItemsDisabled?: boolean;
  /**
   * KLL compaction coin (0 or 1). Default Math.random, as whylogs' fork seeds mt19937 from the clock; inject
   * one to make profiles of more than 1024 values per column reproducible. No env var.
   */
  randomBit?: RandomBit;
  /** Creation timestamp, epoch ms or Date. Default: when the profile object is created. No env var. */
  creationTimestamp?: number | Date;
  /** Dataset timestamp, epoch ms or Date. Default: the creation timestamp. No env var. */
  datasetTimestamp?: number | Date;
  /** Extra metadata (`whylogs.tag.*` keys become tags). Default none. No env var. */
  metadata?: Record<string, string>;
  /**
   * Declared dtypes per column (whylogs' `DatasetSchema`), applied before counting, e.g.
   * `{ types: { price: 'float64' } }` so whole-number prices count as fractional. Default none: dtypes are
   * inferred as `pd.DataFrame(records)` would (Arrow columns keep their Arrow type). No env var.
   */
  schema?: DatasetSchema;
}

export interface ResolvedProfileOptions {
  kllK: number;
  hllLgK: number;
  frequentItemsLgMaxK: number;
  maxFrequentItemSize: number;
  frequentItemsDisabled: boolean;
  randomBit: RandomBit | undefined;
  schema: DatasetSchema | undefined;
}
