import { InvalidOptionError } from '@tasklens/core';
import type { ProfileSnapshot } from '../snapshot/profile-snapshot';
import { type ProfileSource, profileSnapshot } from '../snapshot/profile-source';
import type { DatasetConstraint } from './dataset-constraint';
import type { MetricConstraint, ValidationResult } from './metric-constraint';

/** One report row (whylogs `ReportResult`); serializes to `[name, passed, failed, summary]` like Python. */
export class ReportResult {
  constructor(
    readonly name: string,
    readonly passed: 0 | 1,
    readonly failed: 0 | 1,
    readonly summary: Record<string, unknown> | null,
  ) {}

  toJSON(): [string, number, number, Record<string, unknown> | null] {
    return [this.name, this.passed, this.failed, this.summary];
  }
}

function makeReport(name: string, [passed, summary]: ValidationResult, withSummary: boolean): ReportResult {
  return new ReportResult(name, passed ? 1 : 0, passed ? 0 : 1, withSummary ? summary : null);
}

/** A built set of constraints over a profile (whylogs `Constraints`). */
export class Constraints {
  /** Column → constraint name → constraint, in insertion order (a repeated name replaces in place). */
  readonly columnConstraints = new Map<string, Map<string, MetricConstraint>>();
  readonly datasetConstraints: DatasetConstraint[] = [];

  constructor(readonly profile: ProfileSnapshot | undefined) {}

  private resolve(profile: ProfileSource | undefined): ProfileSnapshot {
    const resolved = profile === undefined ? this.profile : profileSnapshot(profile);
    if (!resolved) {
      throw new InvalidOptionError({
        option: 'profile',
        message: 'Constraints need a profile: build them on a profile or pass one to validate/report',
      });
    }
    return resolved;
  }

  /** True when every constraint passes (an empty set passes). */
  validate(profile?: ProfileSource): boolean {
    const resolved = this.resolve(profile);
    for (const constraints of this.columnConstraints.values()) {
      for (const constraint of constraints.values())
        if (!constraint.validateProfile(resolved)[0]) return false;
    }
    return this.datasetConstraints.every((constraint) => constraint.validateProfile(resolved)[0]);
  }

  /** One row per constraint: column constraints by column then insertion, then dataset constraints. */
  generateConstraintsReport(
    options: { profile?: ProfileSource; withSummary?: boolean } = {},
  ): ReportResult[] {
    const resolved = this.resolve(options.profile);
    const withSummary = options.withSummary ?? false;
    const results: ReportResult[] = [];
    for (const constraints of this.columnConstraints.values()) {
      for (const [name, constraint] of constraints) {
        results.push(makeReport(name, constraint.validateProfile(resolved), withSummary));
      }
    }
    for (const constraint of this.datasetConstraints) {
      results.push(makeReport(constraint.name, constraint.validateProfile(resolved), withSummary));
    }
    return results;
  }
}
