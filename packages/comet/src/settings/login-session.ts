import { cometSlot } from '../comet-slot';
import type { ExperimentSettingsInput } from './experiment-settings-input';

const slot = cometSlot<ExperimentSettingsInput>('loginSession');

/** Settings given to `login()`, shared by every copy of the package of this major in the process. */
// biome-ignore format: parenthesized, V8 compiles it at import (see startExperiment)
export const loginSession = (function loginSession(): ExperimentSettingsInput {
  return slot.getOrCreate(() => ({}));
});

/**
 * `comet_ml.login(**settings)`: remembers settings (API key, workspace, project, experiment key,
 * …) for the experiments started afterwards in this process. Unlike the Python SDK it never writes
 * `~/.comet.config`, so an API key given here stays in memory.
 */
export function login(settings: ExperimentSettingsInput): void {
  const session = loginSession();
  for (const [name, value] of Object.entries(settings)) {
    if (value !== undefined) (session as Record<string, unknown>)[name] = value;
  }
}

/** Forgets everything `login()` remembered (tests, or a new task in the same process). */
export function resetLogin(): void {
  slot.set({});
}
