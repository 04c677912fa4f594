// whylogs `factories/frequent_items.py`, with the same report names.
import { MetricConstraint } from './metric-constraint';
import type { FrequentItemsMetricView, MetricView } from './metric-view';
import { pythonSetRepr } from './python-format';

/** Every frequent string is in the set: "{col} values in set {set}". */
export function frequentStringsInReferenceSet(columnName: string, referenceSet: Iterable<string>) {
  const allowed = new Set(referenceSet);
  return new MetricConstraint({
    name: `${columnName} values in set ${pythonSetRepr(allowed)}`,
    condition: (metric: MetricView) =>
      (metric as FrequentItemsMetricView).frequentStrings.every((item) => allowed.has(item.value)),
    metricSelector: { columnName, metricName: 'frequent_items' },
  });
}

/** The n most frequent strings are in the set: "{col} {n}-most common items in set {set}". */
export function nMostCommonItemsInSet(columnName: string, n: number, referenceSet: Iterable<string>) {
  const allowed = new Set(referenceSet);
  return new MetricConstraint({
    name: `${columnName} ${n}-most common items in set ${pythonSetRepr(allowed)}`,
    condition: (metric: MetricView) =>
      (metric as FrequentItemsMetricView).frequentStrings
        .slice(0, n)
        .every((item) => allowed.has(item.value)),
    metricSelector: { columnName, metricName: 'frequent_items' },
  });
}
