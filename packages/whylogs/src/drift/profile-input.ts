import { InvalidOptionError } from '@tasklens/core';
import type { ProfileSnapshot } from './profile-snapshot';

/** Anything that can give the per-column metric snapshot: the snapshot itself or a profile view. */
export type ProfileInput = ProfileSnapshot | { snapshot(): ProfileSnapshot };

/** The per-column metric snapshot of a profile view (or the snapshot itself). */
export function profileSnapshot(input: ProfileInput, option = 'profile'): ProfileSnapshot {
  if (input instanceof Map) return input;
  if (input && typeof (input as { snapshot?: unknown }).snapshot === 'function') {
    return (input as { snapshot(): ProfileSnapshot }).snapshot();
  }
  throw new InvalidOptionError({
    option,
    message: `${option} must be a DatasetProfileView or a profile snapshot (Map of column name to metrics)`,
  });
}
