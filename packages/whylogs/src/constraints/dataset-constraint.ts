import type { ProfileSnapshot } from '../snapshot/profile-snapshot';
import type { ValidationResult } from './metric-constraint';
import { type MetricView, prettySummary } from './metric-view';

/** Thrown by a dataset condition when a metric it needs is missing (whylogs `MissingMetric`). */
export class MissingMetricSignal extends Error {}

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
      if (error instanceof MissingMetricSignal) return [!this.requireColumnExistence, null];
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
