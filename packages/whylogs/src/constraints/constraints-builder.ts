import { InvalidOptionError } from '@tasklens/core';
import { createLogger } from '@tasklens/core/plugin';
import type { ProfileSnapshot } from '../snapshot/profile-snapshot';
import { type ProfileSource, profileSnapshot } from '../snapshot/profile-source';
import { Constraints } from './constraints';
import { DatasetConstraint } from './dataset-constraint';
import { MetricConstraint } from './metric-constraint';
import type { MetricView } from './metric-view';

const logger = createLogger('whylogs.constraints');

/** Collects constraints over a profile view (whylogs `ConstraintsBuilder`). */
export class ConstraintsBuilder {
  private readonly profile: ProfileSnapshot;
  private readonly constraints: Constraints;

  constructor(profile: ProfileSource) {
    this.profile = profileSnapshot(profile);
    this.constraints = new Constraints(this.profile);
  }

  /** Adds several constraints in order. */
  addConstraints(constraints: readonly (MetricConstraint | DatasetConstraint)[]): this {
    for (const constraint of constraints) this.addConstraint(constraint);
    return this;
  }

  /**
   * Adds a constraint. A constraint on a column the profile lacks throws (unless `ignoreMissing`);
   * one whose metric the column lacks is logged and skipped, as whylogs does.
   */
  addConstraint(
    constraint: MetricConstraint | DatasetConstraint,
    options: { ignoreMissing?: boolean } = {},
  ): this {
    if (constraint instanceof DatasetConstraint) {
      this.constraints.datasetConstraints.push(constraint);
      return this;
    }
    if (!(constraint instanceof MetricConstraint)) {
      throw new InvalidOptionError({
        option: 'constraint',
        message: 'expected a MetricConstraint or DatasetConstraint',
      });
    }
    const ignoreMissing = options.ignoreMissing ?? false;
    const columnName = constraint.metricSelector.columnName;
    const column = columnName === undefined ? undefined : this.profile.get(columnName);
    if (columnName !== undefined && !column && !ignoreMissing && !constraint.metricSelector.metricsResolver) {
      throw new InvalidOptionError({
        option: 'metricSelector.columnName',
        message: `Column '${columnName}' was not found in this profile, the available columns are: ${[...this.profile.keys()].join(', ')}`,
      });
    }
    const metrics = constraint.selectMetrics(this.profile);
    if (metrics.length === 0 && !(ignoreMissing || columnName === undefined)) {
      logger.warn(`metrics not found for ${columnName}. Skipping ${constraint.name}.`);
      return this;
    }
    if (columnName === undefined) {
      this.constraints.datasetConstraints.push(
        new DatasetConstraint({
          name: constraint.name,
          requireColumnExistence: constraint.requireColumnExistence,
          condition: (profile) => {
            const [passed] = constraint.validateProfile(profile);
            const used = new Map<string, MetricView>();
            for (const metric of constraint.selectMetrics(profile)) used.set(metric.namespace, metric);
            return [passed, used];
          },
        }),
      );
      return this;
    }
    let byName = this.constraints.columnConstraints.get(columnName);
    if (!byName) {
      byName = new Map();
      this.constraints.columnConstraints.set(columnName, byName);
    }
    byName.set(constraint.name, constraint);
    return this;
  }

  /** The constraints built so far (a snapshot: later additions do not change it). */
  build(): Constraints {
    const built = new Constraints(this.profile);
    for (const [column, byName] of this.constraints.columnConstraints)
      built.columnConstraints.set(column, new Map(byName));
    built.datasetConstraints.push(...this.constraints.datasetConstraints);
    return built;
  }
}
