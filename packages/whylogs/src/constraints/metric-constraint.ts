import { InvalidOptionError } from '@tasklens/core';
import type { ProfileSnapshot } from '../snapshot/profile-snapshot';
import { type MetricView, metricView, prettySummary } from './metric-view';

/** Picks one metric of one column (whylogs `MetricsSelector`). */
export interface MetricsSelector {
  /** Metric namespace: `distribution`, `counts`, `types`, `ints`, `cardinality` or `frequent_items`. */
  readonly metricName: string;
  /** Column name; omitted makes the constraint dataset-level (then `metricsResolver` finds the metrics). */
  readonly columnName?: string;
  /** Custom metric lookup; default: the column's metric named `metricName`. */
  readonly metricsResolver?: (profile: ProfileSnapshot) => MetricView[];
}

/** Options of a metric constraint. */
export interface MetricConstraintOptions {
  /** The report name. */
  readonly name: string;
  /** Passes when true for the selected metric. */
  readonly condition: (metric: MetricView) => boolean;
  readonly metricSelector: MetricsSelector;
  /** Fail (rather than pass) when the column, metric or distribution data is missing; default true. */
  readonly requireColumnExistence?: boolean;
}

/** Result of validating one constraint: passed, and the metric summary shown in reports. */
export type ValidationResult = [passed: boolean, summary: Record<string, unknown> | null];

/** A condition on one metric of one column (whylogs `MetricConstraint`). */
export class MetricConstraint {
  readonly name: string;
  readonly condition: (metric: MetricView) => boolean;
  readonly metricSelector: MetricsSelector;
  readonly requireColumnExistence: boolean;

  constructor(options: MetricConstraintOptions) {
    if (typeof options.name !== 'string') {
      throw new InvalidOptionError({ option: 'name', message: 'MetricConstraint name must be a string' });
    }
    if (typeof options.condition !== 'function') {
      throw new InvalidOptionError({
        option: 'condition',
        message: 'MetricConstraint condition must be a function',
      });
    }
    if (!options.metricSelector || typeof options.metricSelector.metricName !== 'string') {
      throw new InvalidOptionError({
        option: 'metricSelector.metricName',
        message: 'MetricConstraint metricSelector needs a metricName',
      });
    }
    this.name = options.name;
    this.condition = options.condition;
    this.metricSelector = options.metricSelector;
    this.requireColumnExistence = options.requireColumnExistence ?? true;
  }

  /** The metrics the selector picks from a profile. */
  selectMetrics(profile: ProfileSnapshot): MetricView[] {
    const selector = this.metricSelector;
    if (selector.metricsResolver) return selector.metricsResolver(profile);
    const column = selector.columnName === undefined ? undefined : profile.get(selector.columnName);
    if (!column) return [];
    const metric = metricView(column, selector.metricName);
    return metric ? [metric] : [];
  }

  /** whylogs `validate_profile`. Throws when a required column is missing. */
  validateProfile(profile: ProfileSnapshot): ValidationResult {
    const selector = this.metricSelector;
    if (selector.metricsResolver) {
      const metrics = this.selectMetrics(profile);
      return [metrics.every((metric) => this.condition(metric)), summaryOf(metrics)];
    }
    const column = selector.columnName === undefined ? undefined : profile.get(selector.columnName);
    if (!column) {
      if (this.requireColumnExistence) {
        throw new InvalidOptionError({
          option: 'metricSelector.columnName',
          message: `Could not get column ${selector.columnName} from columns [${[...profile.keys()].join(', ')}]`,
        });
      }
      return [true, null];
    }
    const metrics = this.selectMetrics(profile);
    if (metrics.length === 0) return [!this.requireColumnExistence, null];
    const only = metrics[0]!;
    if (metrics.length === 1 && only.namespace === 'distribution' && only.kll.isEmpty) {
      return [!this.requireColumnExistence, null];
    }
    return [metrics.every((metric) => this.condition(metric)), summaryOf(metrics)];
  }
}

function summaryOf(metrics: MetricView[]): Record<string, unknown> | null {
  return metrics.length === 1 ? prettySummary(metrics[0]!) : null;
}
