import type { MetricComponent } from '../metrics/metric-component';
import type { FrequentStringsSketch, HllSketch, KllDoublesSketch } from '../sketches';

/** One `FrequentItem(value, est, upper, lower)` of the summary. */
export interface FrequentItem {
  value: string;
  est: number;
  upper: number;
  lower: number;
}

/** A summary cell: numbers, int64 values beyond 2^53 as bigint, null for Python's None / a missing metric. */
export type SummaryValue = number | bigint | string | null | FrequentItem[];

/** A column's summary, keyed `"<metric>/<field>"` like whylogs' `to_summary_dict` output. */
export type ColumnSummary = Record<string, SummaryValue>;

/** whylogs' default quantiles and the summary keys they get. */
const QUANTILES: readonly [string, number][] = [
  ['q_01', 0.01],
  ['q_05', 0.05],
  ['q_10', 0.1],
  ['q_25', 0.25],
  ['median', 0.5],
  ['q_75', 0.75],
  ['q_90', 0.9],
  ['q_95', 0.95],
  ['q_99', 0.99],
];

/** int64 as a number when exact, else as a bigint. */
export function int64Value(value: bigint): number | bigint {
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value;
}

function nValue(components: Map<string, MetricComponent>, path: string): number | bigint {
  const component = components.get(path);
  return component?.kind === 'n' ? int64Value(component.value) : 0;
}

function dValue(components: Map<string, MetricComponent>, path: string): number {
  const component = components.get(path);
  return component?.kind === 'd' ? component.value : 0;
}

const NAMESPACE_FIELDS: Record<string, readonly string[]> = {
  counts: ['n', 'null', 'nan', 'inf', 'true'],
  types: ['integral', 'fractional', 'boolean', 'string', 'object', 'tensor'],
  ints: ['max', 'min'],
};

/** The sample standard deviation whylogs reports: √(m2/(n-1)), 0 for n ≤ 1. */
export function distributionStddev(n: number, m2: number): number {
  return n <= 1 ? 0 : Math.sqrt(m2 / (n - 1));
}

function distributionSummary(
  kll: KllDoublesSketch | undefined,
  mean: number,
  m2: number,
  into: ColumnSummary,
): void {
  const n = kll?.n ?? 0;
  into['distribution/mean'] = mean;
  into['distribution/stddev'] = distributionStddev(n, m2);
  into['distribution/n'] = n;
  into['distribution/max'] = kll && n > 0 ? kll.max : Number.NaN;
  into['distribution/min'] = kll && n > 0 ? kll.min : Number.NaN;
  const quantiles = kll && n > 0 ? kll.getQuantiles(QUANTILES.map(([, rank]) => rank)) : undefined;
  QUANTILES.forEach(([key], index) => {
    into[`distribution/${key}`] = quantiles ? quantiles[index]! : null;
  });
}

function cardinalitySummary(hll: HllSketch | undefined, into: ColumnSummary): void {
  into['cardinality/est'] = hll ? hll.estimate : 0;
  into['cardinality/upper_1'] = hll ? hll.upperBound(1) : 0;
  into['cardinality/lower_1'] = hll ? hll.lowerBound(1) : 0;
}

/** NO_FALSE_POSITIVES items sorted by estimate, descending (ties by value so the order is stable). */
export function frequentItemsOf(sketch: FrequentStringsSketch | undefined): FrequentItem[] {
  if (!sketch) return [];
  return sketch
    .getFrequentItems('NO_FALSE_POSITIVES')
    .map((row) => ({ value: row.item, est: row.estimate, upper: row.upperBound, lower: row.lowerBound }))
    .sort(
      (left, right) =>
        right.est - left.est || (left.value < right.value ? -1 : left.value > right.value ? 1 : 0),
    );
}

/**
 * `ColumnProfileView.to_summary_dict()`: each present metric's summary under `"<namespace>/"`. Unknown
 * namespaces are not summarized (Python would refuse to read them).
 */
export function summarizeColumn(components: Map<string, MetricComponent>): ColumnSummary {
  const namespaces = new Set<string>();
  for (const path of components.keys()) namespaces.add(path.slice(0, path.indexOf('/')));
  const summary: ColumnSummary = {};
  for (const namespace of namespaces) {
    const fields = NAMESPACE_FIELDS[namespace];
    if (fields) {
      for (const field of fields)
        summary[`${namespace}/${field}`] = nValue(components, `${namespace}/${field}`);
    } else if (namespace === 'distribution') {
      const kll = components.get('distribution/kll');
      distributionSummary(
        kll?.kind === 'kll' ? kll.sketch : undefined,
        dValue(components, 'distribution/mean'),
        dValue(components, 'distribution/m2'),
        summary,
      );
    } else if (namespace === 'cardinality') {
      const hll = components.get('cardinality/hll');
      cardinalitySummary(hll?.kind === 'hll' ? hll.sketch : undefined, summary);
    } else if (namespace === 'frequent_items') {
      const fi = components.get('frequent_items/frequent_strings');
      summary['frequent_items/frequent_strings'] = frequentItemsOf(
        fi?.kind === 'frequentItems' ? fi.sketch : undefined,
      );
    }
  }
  return summary;
}
