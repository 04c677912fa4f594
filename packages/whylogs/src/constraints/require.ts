import type { MetricView } from './metric-view';

/** A condition on a metric (whylogs `Predicate`), combinable with `and`/`or`/`not`. */
export interface MetricPredicate {
  (metric: MetricView): boolean;
  and(right: (metric: MetricView) => boolean): MetricPredicate;
  or(right: (metric: MetricView) => boolean): MetricPredicate;
}

function predicate(test: (metric: MetricView) => boolean): MetricPredicate {
  const result = ((metric: MetricView) => test(metric)) as MetricPredicate;
  result.and = (right) => predicate((metric) => test(metric) && right(metric));
  result.or = (right) => predicate((metric) => test(metric) || right(metric));
  return result;
}

/** Negates a condition (whylogs `Not`). */
export function not(condition: (metric: MetricView) => boolean): MetricPredicate {
  return predicate((metric) => !condition(metric));
}

/**
 * Conditions on one component of a metric's summary (whylogs `Require("min").greater_than(0)`):
 * `require('min').greaterThan(0)`.
 */
export function require(component: string) {
  const value = (metric: MetricView) => metric.summary()[component] as unknown;
  const compare = (test: (left: unknown) => boolean) => predicate((metric) => test(value(metric)));
  return {
    equals: (right: unknown) => compare((left) => left === right),
    notEqual: (right: unknown) => compare((left) => left !== right),
    lessThan: (right: number) => compare((left) => (left as number) < right),
    lessOrEquals: (right: number) => compare((left) => (left as number) <= right),
    greaterThan: (right: number) => compare((left) => (left as number) > right),
    greaterOrEquals: (right: number) => compare((left) => (left as number) >= right),
    /** Regex match at the start (Python `re.match`). */
    matches: (pattern: string) =>
      compare((left) => typeof left === 'string' && new RegExp(`^(?:${pattern})`).test(left)),
    /** Regex match of the whole value (Python `re.fullmatch`). */
    fullmatch: (pattern: string) =>
      compare((left) => typeof left === 'string' && new RegExp(`^(?:${pattern})$`).test(left)),
    /** Regex match anywhere (Python `re.search`). */
    search: (pattern: string) =>
      compare((left) => typeof left === 'string' && new RegExp(pattern).test(left)),
    /** A user-defined test of the component value. */
    is: (test: (value: unknown) => boolean) => compare(test),
  };
}
