import { TasklensError } from '@tasklens/core';
import type { ProfileSnapshot } from '../snapshot/profile-snapshot';
import type { ValidationResult } from './metric-constraint';
import { type MetricView, prettySummary } from './metric-view';

const marker = 'tasklens.error.TasklensMissingMetricSignal';
const symbol = Symbol.for(marker);

/**
 * Thrown by a dataset condition when a metric it needs is missing (whylogs `MissingMetric`); the
 * constraint then fails, or passes when `requireColumnExistence` is false. Escapes to the user
 * only from a condition called outside a constraint.
 */
export class MissingMetricSignal extends TasklensError {
  protected readonly [symbol] = true;
  /** The missing metric, e.g. `:price:cardinality` (whylogs' `:column:metric` form). */
  readonly metric: string;

  constructor(metric: string) {
    super({ name: 'TasklensMissingMetricSignal', message: `${metric}: the profile has no such metric` });
    this.metric = metric;
  }

  static override isInstance(error: unknown): error is MissingMetricSignal {
    return TasklensError.hasMarker(error, marker);
  }
}

/** Options of a dataset-level constraint. */
export interface DatasetConstraintOptions {
  readonly name: string;
  /** Returns whether the profile passes and the metrics used, keyed `column/metric`. */
  readonly condition: (profile: ProfileSnapshot) => [boolean, Map<string, MetricView>];
  /** Fail (rather than pass) when a referenced metric is missing; default true. */
  readonly requireColumnExistence?: boolean;
}

/** A condition over the whole profile (whylogs `DatasetConstraint`). */
export class DatasetConstraint {
  readonly name: string;
  readonly condition: DatasetConstraintOptions['condition'];
  readonly requireColumnExistence: boolean;

  constructor(options: DatasetConstraintOptions) {
    this.name = options.name;
    this.condition = options.condition;
    this.requireColumnExistence = options.requireColumnExistence ?? true;
  }

  /** whylogs `validate_profile`: summary keys are `column/metric/component`. */
  validateProfile(profile: ProfileSnapshot): ValidationResult {
    let passed: boolean;
    let metrics: Map<string, MetricView>;
    try {
      [passed, metrics] = this.condition(profile);
    } catch (error) {
      if (MissingMetricSignal.isInstance(error)) return [!this.requireColumnExistence, null];
      throw error;
    }
    const summary: Record<string, unknown> = {};
    for (const [path, metric] of metrics) {
      for (const [component, value] of Object.entries(prettySummary(metric)))
        summary[`${path}/${component}`] = value;
    }
    return [passed, summary];
  }
}
