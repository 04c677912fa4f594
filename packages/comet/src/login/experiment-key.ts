import { createHash } from 'node:crypto';

/**
 * flytekit's `_generate_suffix_with_length_10`: SHAKE-256 over the UTF-8 bytes of
 * `"<project>-<workspace>"`, 5 bytes of output as lower-case hex (10 characters).
 * `length` asks for more hex characters; SHAKE-256 is an extendable-output function, so a longer
 * suffix always starts with the 10-character one (the key repair relies on this).
 */
export function experimentKeySuffix(projectName: string, workspace: string, length = 10): string {
  const bytes = Math.ceil(length / 2);
  return createHash('shake256', { outputLength: bytes })
    .update(`${projectName}-${workspace}`, 'utf8')
    .digest('hex')
    .slice(0, length);
}

/**
 * flytekit's `_generate_experiment_key`: the hostname with every `-` removed (nothing else), then
 * the 10-character suffix. Exactly flytekit's result, even where Comet would refuse it; see
 * `checkExperimentKey` for what happens to such a key when an experiment starts.
 */
export function deriveExperimentKey(hostname: string, projectName: string, workspace: string): string {
  return `${hostname.replaceAll('-', '')}${experimentKeySuffix(projectName, workspace)}`;
}
