export { Constraints, ReportResult } from './constraints';
export { ConstraintsBuilder } from './constraints-builder';
export {
  countBelowNumber,
  distinctNumberInRange,
  noMissingValues,
  nullPercentageBelowNumber,
  nullValuesBelowNumber,
} from './count-constraints';
export { DatasetConstraint, type DatasetConstraintOptions, MissingMetricSignal } from './dataset-constraint';
export {
  greaterThanNumber,
  isInRange,
  isNonNegative,
  meanBetweenRange,
  quantileBetweenRange,
  type SkipMissingOption,
  smallerThanNumber,
  stddevBetweenRange,
} from './distribution-constraints';
export { frequentStringsInReferenceSet, nMostCommonItemsInSet } from './frequent-items-constraints';
export {
  MetricConstraint,
  type MetricConstraintOptions,
  type MetricsSelector,
  type ValidationResult,
} from './metric-constraint';
export type {
  CardinalityMetricView,
  CountsMetricView,
  DistributionMetricView,
  FrequentItemsMetricView,
  IntsMetricView,
  MetricSummary,
  MetricView,
  TypesMetricView,
} from './metric-view';
export { type NumberArgument, PythonFloat, pythonFloat } from './python-format';
export { type MetricPredicate, not, require } from './require';
export {
  columnHasNonZeroTypes,
  columnHasZeroCountTypes,
  columnIsNullableBoolean,
  columnIsNullableDatatype,
  columnIsNullableFractional,
  columnIsNullableIntegral,
  columnIsNullableObject,
  columnIsNullableString,
  columnIsProbablyUnique,
  TYPE_NAMES,
  type TypeName,
} from './types-constraints';
