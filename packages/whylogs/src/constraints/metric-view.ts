// Metric objects handed to constraint conditions, with whylogs' accessors and `to_summary_dict`.
import type {
  CardinalityMetric,
  ColumnSnapshot,
  CountsMetric,
  DistributionMetric,
  FrequentItem,
  IntsMetric,
  QuantileSketch,
  TypesMetric,
} from '../snapshot/profile-snapshot';

/** Summary values as whylogs' `to_summary_dict` gives them. */
export type MetricSummary = Record<string, number | null | readonly FrequentItem[]>;

/** What every metric offers a condition. */
export interface MetricBase {
  readonly namespace: string;
  /** whylogs `to_summary_dict()` (cardinality bounds at `hllStddev`, default 1). */
  summary(hllStddev?: 1 | 2 | 3): MetricSummary;
}

/** The `distribution` metric: KLL plus mean/variance, as whylogs' `DistributionMetric`. */
export interface DistributionMetricView extends MetricBase {
  readonly namespace: 'distribution';
  readonly kll: QuantileSketch;
  readonly n: number;
  readonly mean: number;
  readonly avg: number;
  readonly variance: number;
  readonly stddev: number;
  /** KLL max (-1.7976931348623157e308 when empty, as the fork reports). */
  readonly max: number;
  /** KLL min (1.7976931348623157e308 when empty). */
  readonly min: number;
  /** Exclusive-rank quantile, or null when empty. */
  getQuantile(quantile: number): number | null;
}

/** The `counts` metric. */
export interface CountsMetricView extends MetricBase, CountsMetric {
  readonly namespace: 'counts';
}
/** The `types` metric. */
export interface TypesMetricView extends MetricBase, TypesMetric {
  readonly namespace: 'types';
}
/** The `ints` metric. */
export interface IntsMetricView extends MetricBase, IntsMetric {
  readonly namespace: 'ints';
}
/** The `cardinality` metric. */
export interface CardinalityMetricView extends MetricBase {
  readonly namespace: 'cardinality';
  readonly estimate: number;
  upperBound(stddev: 1 | 2 | 3): number;
  lowerBound(stddev: 1 | 2 | 3): number;
}
/** The `frequent_items` metric. */
export interface FrequentItemsMetricView extends MetricBase {
  readonly namespace: 'frequent_items';
  readonly frequentStrings: readonly FrequentItem[];
}

/** Any standard metric. */
export type MetricView =
  | DistributionMetricView
  | CountsMetricView
  | TypesMetricView
  | IntsMetricView
  | CardinalityMetricView
  | FrequentItemsMetricView;

const SUMMARY_QUANTILES = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];
const QUANTILE_KEYS = ['q_01', 'q_05', 'q_10', 'q_25', 'median', 'q_75', 'q_90', 'q_95', 'q_99'];
const EMPTY_MAX = -1.7976931348623157e308;
const EMPTY_MIN = 1.7976931348623157e308;

function distributionView(metric: DistributionMetric): DistributionMetricView {
  const { kll } = metric;
  const n = kll.n;
  const variance = n <= 1 ? 0 : metric.m2 / (n - 1);
  const stddev = n <= 1 ? 0 : Math.sqrt(variance);
  const max = kll.isEmpty ? EMPTY_MAX : kll.max;
  const min = kll.isEmpty ? EMPTY_MIN : kll.min;
  return {
    namespace: 'distribution',
    kll,
    n,
    mean: metric.mean,
    avg: metric.mean,
    variance,
    stddev,
    max,
    min,
    getQuantile: (quantile) => (n > 0 ? kll.getQuantiles([quantile])[0]! : null),
    summary: () => {
      const quantiles = n === 0 ? SUMMARY_QUANTILES.map(() => null) : kll.getQuantiles(SUMMARY_QUANTILES);
      const summary: MetricSummary = { mean: metric.mean, stddev, n, max, min };
      QUANTILE_KEYS.forEach((key, index) => {
        summary[key] = quantiles[index] ?? null;
      });
      return summary;
    },
  };
}

function cardinalityView(metric: CardinalityMetric): CardinalityMetricView {
  return {
    namespace: 'cardinality',
    estimate: metric.estimate,
    upperBound: (stddev) => metric.upper[stddev],
    lowerBound: (stddev) => metric.lower[stddev],
    summary: (hllStddev = 1) => ({
      est: metric.estimate,
      [`upper_${hllStddev}`]: metric.upper[hllStddev],
      [`lower_${hllStddev}`]: metric.lower[hllStddev],
    }),
  };
}

/** The metric named `namespace` of a column, or undefined when the column does not have it. */
export function metricView(column: ColumnSnapshot, namespace: string): MetricView | undefined {
  switch (namespace) {
    case 'distribution':
      return column.distribution && distributionView(column.distribution);
    case 'counts': {
      const counts = column.counts;
      if (!counts) return undefined;
      return {
        namespace: 'counts',
        ...counts,
        summary: () => {
          const summary: MetricSummary = { n: counts.n, null: counts.null, nan: counts.nan, inf: counts.inf };
          if (counts.true !== undefined) summary.true = counts.true;
          return summary;
        },
      };
    }
    case 'types': {
      const types = column.types;
      if (!types) return undefined;
      const { integral, fractional, boolean, string, object, tensor } = types;
      return {
        namespace: 'types',
        ...types,
        summary: () => ({ integral, fractional, boolean, string, object, tensor }),
      };
    }
    case 'ints': {
      const ints = column.ints;
      if (!ints) return undefined;
      return { namespace: 'ints', ...ints, summary: () => ({ max: ints.max, min: ints.min }) };
    }
    case 'cardinality':
      return column.cardinality && cardinalityView(column.cardinality);
    case 'frequent_items': {
      const frequent = column.frequentItems;
      if (!frequent) return undefined;
      return {
        namespace: 'frequent_items',
        frequentStrings: frequent.frequentStrings,
        summary: () => ({ frequent_strings: frequent.frequentStrings }),
      };
    }
    default:
      return undefined;
  }
}

/** The metric namespaces a column carries, in whylogs' order. */
export function metricNames(column: ColumnSnapshot): string[] {
  const names: string[] = [];
  if (column.counts) names.push('counts');
  if (column.types) names.push('types');
  if (column.distribution) names.push('distribution');
  if (column.ints) names.push('ints');
  if (column.cardinality) names.push('cardinality');
  if (column.frequentItems) names.push('frequent_items');
  return names;
}

/** whylogs `pretty_display`: the summary with `metric` first and frequent strings as "value:est" (top 10). */
export function prettySummary(metric: MetricView, hllStddev: 1 | 2 | 3 = 1): Record<string, unknown> {
  const pretty: Record<string, unknown> = { metric: metric.namespace };
  for (const [key, value] of Object.entries(metric.summary(hllStddev))) {
    if (key !== 'frequent_strings') pretty[key] = value;
    else
      pretty[`${key}_top_10`] = (value as FrequentItem[])
        .slice(0, 10)
        .map((item) => `${item.value}:${item.est}`);
  }
  return pretty;
}
