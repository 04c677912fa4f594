// whylogs `core/constraints/factories/distribution_metrics.py`, with the same report names.
import { MetricConstraint } from './metric-constraint';
import type { DistributionMetricView, MetricView } from './metric-view';
import { type NumberArgument, numberValue, pythonNumber } from './python-format';
import { require } from './require';

/** Options shared by the distribution factories. */
export interface SkipMissingOption {
  /** Pass (rather than fail) when the column has no numeric data; default true. */
  skipMissing?: boolean;
}

function distributionConstraint(
  columnName: string,
  name: string,
  condition: (metric: MetricView) => boolean,
  options: SkipMissingOption,
): MetricConstraint {
  return new MetricConstraint({
    name,
    condition,
    metricSelector: { columnName, metricName: 'distribution' },
    requireColumnExistence: !(options.skipMissing ?? true),
  });
}

/** Minimum greater than `number`: "{col} greater than number {number}". */
export function greaterThanNumber(
  columnName: string,
  number: NumberArgument,
  options: SkipMissingOption = {},
) {
  const name = `${columnName} greater than number ${pythonNumber(number)}`;
  return distributionConstraint(columnName, name, require('min').greaterThan(numberValue(number)), options);
}

/** Maximum smaller than `number`: "{col} smaller than number {number}". */
export function smallerThanNumber(
  columnName: string,
  number: NumberArgument,
  options: SkipMissingOption = {},
) {
  const name = `${columnName} smaller than number ${pythonNumber(number)}`;
  const condition = (metric: MetricView) => numberValue(number) > (metric as DistributionMetricView).max;
  return distributionConstraint(columnName, name, condition, options);
}

/** Minimum ≥ 0: "{col} is non negative". */
export function isNonNegative(columnName: string, options: SkipMissingOption = {}) {
  return distributionConstraint(
    columnName,
    `${columnName} is non negative`,
    require('min').greaterOrEquals(0),
    options,
  );
}

/** lower ≤ min and max ≤ upper: "{col} is in range [{lower},{upper}]". */
export function isInRange(
  columnName: string,
  lower: NumberArgument,
  upper: NumberArgument,
  options: SkipMissingOption = {},
) {
  const name = `${columnName} is in range [${pythonNumber(lower)},${pythonNumber(upper)}]`;
  const condition = require('min')
    .greaterOrEquals(numberValue(lower))
    .and(require('max').lessOrEquals(numberValue(upper)));
  return distributionConstraint(columnName, name, condition, options);
}

/** lower ≤ mean ≤ upper: "{col} mean between {lower} and {upper} (inclusive)". */
export function meanBetweenRange(
  columnName: string,
  lower: NumberArgument,
  upper: NumberArgument,
  options: SkipMissingOption = {},
) {
  const name = `${columnName} mean between ${pythonNumber(lower)} and ${pythonNumber(upper)} (inclusive)`;
  const condition = require('mean')
    .greaterOrEquals(numberValue(lower))
    .and(require('mean').lessOrEquals(numberValue(upper)));
  return distributionConstraint(columnName, name, condition, options);
}

/** lower ≤ stddev ≤ upper: "{col} standard deviation between {lower} and {upper} (inclusive)". */
export function stddevBetweenRange(
  columnName: string,
  lower: NumberArgument,
  upper: NumberArgument,
  options: SkipMissingOption = {},
) {
  const name = `${columnName} standard deviation between ${pythonNumber(lower)} and ${pythonNumber(upper)} (inclusive)`;
  const condition = require('stddev')
    .greaterOrEquals(numberValue(lower))
    .and(require('stddev').lessOrEquals(numberValue(upper)));
  return distributionConstraint(columnName, name, condition, options);
}

/** lower ≤ quantile(q) ≤ upper: "{col} {q}-th quantile value between {lower} and {upper} (inclusive)". */
export function quantileBetweenRange(
  columnName: string,
  quantile: NumberArgument,
  lower: NumberArgument,
  upper: NumberArgument,
  options: SkipMissingOption = {},
) {
  const name = `${columnName} ${pythonNumber(quantile)}-th quantile value between ${pythonNumber(lower)} and ${pythonNumber(upper)} (inclusive)`;
  const condition = (metric: MetricView) => {
    const value = (metric as DistributionMetricView).kll.getQuantile(numberValue(quantile));
    return numberValue(lower) <= value && value <= numberValue(upper);
  };
  return distributionConstraint(columnName, name, condition, options);
}
