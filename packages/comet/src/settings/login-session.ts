import type { ExperimentSettingsInput } from './experiment-settings-input';

const slot = Symbol.for('tasklens.comet.loginSession');

/** Settings given to `login()`, shared by every copy of the package in the process. */
export function loginSession(): ExperimentSettingsInput {
  const holder = globalThis as unknown as Record<symbol, ExperimentSettingsInput | undefined>;
  holder[slot] ??= {};
  return holder[slot];
}

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
  const holder = globalThis as unknown as Record<symbol, ExperimentSettingsInput | undefined>;
  holder[slot] = {};
}
