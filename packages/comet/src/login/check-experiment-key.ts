import { InvalidOptionError } from '@tasklens/core';
import { experimentKeySuffix } from './experiment-key';

/** Shortest experiment key Comet accepts. */
export const MINIMUM_EXPERIMENT_KEY_LENGTH = 32;
/** Longest experiment key Comet accepts. */
export const MAXIMUM_EXPERIMENT_KEY_LENGTH = 50;

// The Python SDK checks `str.isalnum()`, which also lets non-ASCII letters through; the server and
// the experiment URL only handle ASCII, so we are stricter and refuse them before any request.
const validKey = /^[A-Za-z0-9]{32,50}$/;

/** True when Comet accepts the key: ASCII letters and digits only, 32 to 50 characters. */
export function isValidExperimentKey(key: string): boolean {
  return validKey.test(key);
}

/**
 * Throws `InvalidOptionError` (naming `option`) for a key Comet would refuse with a 400 later,
 * saying exactly what is wrong with it.
 */
export function checkExperimentKey(key: string, option = 'experimentKey'): string {
  if (isValidExperimentKey(key)) return key;
  const problems: string[] = [];
  const bad = [...new Set(key.replace(/[A-Za-z0-9]/g, ''))];
  if (bad.length > 0)
    problems.push(`contains characters other than A-Z, a-z, 0-9 (${JSON.stringify(bad.join(''))})`);
  if (key.length < MINIMUM_EXPERIMENT_KEY_LENGTH)
    problems.push(`is ${key.length} characters, shorter than 32`);
  if (key.length > MAXIMUM_EXPERIMENT_KEY_LENGTH)
    problems.push(`is ${key.length} characters, longer than 50`);
  throw new InvalidOptionError({
    option,
    message: `${option}: ${JSON.stringify(key)} ${problems.join(' and ')}; Comet accepts only ASCII letters and digits, 32 to 50 characters`,
  });
}

/**
 * The documented repair of a key derived from the pod name (flytekit's rule can produce keys Comet
 * refuses: the HOSTNAME-less fallback is 30 characters or fewer, an execution name may hold `_`).
 * Non-ASCII-alphanumeric characters are removed from the hostname part, a hostname part too long
 * for 50 characters is cut, and a key shorter than 32 gets a longer SHAKE-256 suffix, which starts
 * with flytekit's 10-character suffix. A key that is already valid is returned unchanged, so every
 * key flytekit derives from a real Flyte pod name (33 to 40 characters) stays exactly flytekit's.
 */
export function repairDerivedExperimentKey(hostname: string, projectName: string, workspace: string): string {
  const suffix = experimentKeySuffix(projectName, workspace);
  const derived = `${hostname.replaceAll('-', '')}${suffix}`;
  if (isValidExperimentKey(derived)) return derived;
  const base = hostname.replace(/[^A-Za-z0-9]/g, '').slice(0, MAXIMUM_EXPERIMENT_KEY_LENGTH - suffix.length);
  const suffixLength = Math.max(suffix.length, MINIMUM_EXPERIMENT_KEY_LENGTH - base.length);
  return `${base}${experimentKeySuffix(projectName, workspace, suffixLength)}`;
}
