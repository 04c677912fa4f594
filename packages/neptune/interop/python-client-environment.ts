import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Environment for a real Neptune Python client (1.14 or neptune-scale 0.30) against one of our test
 * servers: its token, the project, and a fresh HOME (no user settings leak in), plus `extra`.
 */
export function pythonClientEnvironment(
  token: string,
  project: string,
  extra: Record<string, string>,
): Record<string, string> {
  return {
    NEPTUNE_API_TOKEN: token,
    NEPTUNE_PROJECT: project,
    HOME: mkdtempSync(join(tmpdir(), 'neptune-home-')),
    ...extra,
  };
}
