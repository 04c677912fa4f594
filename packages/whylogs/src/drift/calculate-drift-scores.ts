import type { ColumnSnapshot } from '../snapshot/profile-snapshot';
import { type ProfileSource, profileSnapshot } from '../snapshot/profile-source';
import { ChiSquareDrift } from './chi-square-drift';
import type { ColumnDriftAlgorithm, DriftScore } from './drift-algorithm';
import { KsDrift } from './ks-drift';

/** Options of `calculateDriftScores`. */
export interface DriftOptions {
  /** Also return each algorithm's thresholds and the drift category; default false (as whylogs). */
  withThresholds?: boolean;
  /** Per-column algorithm overrides (KS, chi-square or Hellinger); default none: KS, else chi-square. */
  driftMap?: Readonly<Record<string, ColumnDriftAlgorithm>>;
}

/** whylogs' default choice: KS, or chi-square when KS does not apply. */
export function defaultColumnDrift(
  target: ColumnSnapshot,
  reference: ColumnSnapshot,
  withThresholds: boolean,
): DriftScore | undefined {
  return (
    new KsDrift().calculate(target, reference, withThresholds) ??
    new ChiSquareDrift().calculate(target, reference, withThresholds)
  );
}

/**
 * Drift of every column present in both profiles (whylogs `calculate_drift_scores`): column name →
 * score, or null when no algorithm applies. Columns follow the target's order.
 */
export function calculateDriftScores(
  target: ProfileSource,
  reference: ProfileSource,
  options: DriftOptions = {},
): Record<string, DriftScore | null> {
  const withThresholds = options.withThresholds ?? false;
  const targetColumns = profileSnapshot(target);
  const referenceColumns = profileSnapshot(reference);
  const scores: Record<string, DriftScore | null> = {};
  for (const [name, targetColumn] of targetColumns) {
    const referenceColumn = referenceColumns.get(name);
    if (!referenceColumn) continue;
    const algorithm =
      options.driftMap && Object.hasOwn(options.driftMap, name) ? options.driftMap[name] : undefined;
    const score = algorithm
      ? algorithm.calculate(targetColumn, referenceColumn, withThresholds)
      : defaultColumnDrift(targetColumn, referenceColumn, withThresholds);
    scores[name] = score ?? null;
  }
  return scores;
}
