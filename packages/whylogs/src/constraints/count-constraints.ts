// whylogs `factories/count_metrics.py` and `cardinality_metrics.py`, with the same report names.
import { MetricConstraint } from './metric-constraint';
import type { CardinalityMetricView, CountsMetricView, MetricView } from './metric-view';
import { type NumberArgument, numberValue, pythonNumber } from './python-format';

function countsConstraint(
  columnName: string,
  name: string,
  condition: (metric: CountsMetricView) => boolean,
) {
  return new MetricConstraint({
    name,
    condition: (metric: MetricView) => condition(metric as CountsMetricView),
    metricSelector: { columnName, metricName: 'counts' },
  });
}

/** No nulls: "{col} has no missing values". */
export function noMissingValues(columnName: string) {
  return countsConstraint(columnName, `${columnName} has no missing values`, (metric) => metric.null === 0);
}

/** n ≤ number: "count of {col} lower than {number}". */
export function countBelowNumber(columnName: string, number: NumberArgument) {
  const name = `count of ${columnName} lower than ${pythonNumber(number)}`;
  return countsConstraint(columnName, name, (metric) => numberValue(number) >= metric.n);
}

/** null < number: "null values of {col} lower than {number}". */
export function nullValuesBelowNumber(columnName: string, number: NumberArgument) {
  const name = `null values of ${columnName} lower than ${pythonNumber(number)}`;
  return countsConstraint(columnName, name, (metric) => metric.null < numberValue(number));
}

/** null / n ≤ number: "null percentage of {col} lower than {number}". */
export function nullPercentageBelowNumber(columnName: string, number: NumberArgument) {
  const name = `null percentage of ${columnName} lower than ${pythonNumber(number)}`;
  return countsConstraint(columnName, name, (metric) => metric.null / metric.n <= numberValue(number));
}

/** lower ≤ HLL estimate ≤ upper: "{col} distinct values estimate between {lower} and {upper} (inclusive)". */
export function distinctNumberInRange(columnName: string, lower: NumberArgument, upper: NumberArgument) {
  const name = `${columnName} distinct values estimate between ${pythonNumber(lower)} and ${pythonNumber(upper)} (inclusive)`;
  return new MetricConstraint({
    name,
    condition: (metric: MetricView) => {
      const estimate = (metric as CardinalityMetricView).estimate;
      return !(numberValue(lower) > estimate) && !(estimate > numberValue(upper));
    },
    metricSelector: { columnName, metricName: 'cardinality' },
  });
}
