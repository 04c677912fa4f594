import { cometSlot } from '../comet-slot';
import type { ExperimentSettingsInput } from './experiment-settings-input';

const slot = cometSlot<ExperimentSettingsInput>('loginSession');

// The first start() of a process creates the session: parenthesized, so V8 compiles this at import
// too (an arrow function is compiled on its first call).
// biome-ignore format: the parentheses are the compile hint
const noSettings = (function noSettings(): ExperimentSettingsInput {
  return {};
});

/** Settings given to `login()`, shared by every copy of the package of this major in the process. */
// biome-ignore format: parenthesized, V8 compiles it at import (see startExperiment)
export const loginSession = (function loginSession(): ExperimentSettingsInput {
  return slot.getOrCreate(noSettings);
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
