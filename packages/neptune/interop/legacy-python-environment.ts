import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Environment for the real neptune 1.14 client against `LegacyTestServer`: its token, the interop
 * project, OAuth over plain http allowed, and a fresh HOME (no user settings leak in).
 */
export function legacyPythonEnvironment(
  token: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    NEPTUNE_API_TOKEN: token,
    NEPTUNE_PROJECT: 'tasklens/interop',
    OAUTHLIB_INSECURE_TRANSPORT: '1',
    HOME: mkdtempSync(join(tmpdir(), 'neptune-home-')),
    ...extra,
  };
}
