import { pythonClientEnvironment } from './python-client-environment';

/**
 * Environment for the real neptune 1.14 client against `LegacyTestServer`: its token, the interop
 * project, OAuth over plain http allowed, and a fresh HOME (no user settings leak in).
 */
export function legacyPythonEnvironment(
  token: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return pythonClientEnvironment(token, 'tasklens/interop', { OAUTHLIB_INSECURE_TRANSPORT: '1', ...extra });
}
