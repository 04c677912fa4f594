import { registerSecretValue } from '@tasklens/core/plugin';
import { wandbSlot } from '../wandb-slot';
import { type LoginOptions, resolveLoginOptions } from './login-options';

/** What `login()` remembered for later `init()` calls in this process. */
export interface WandbSession {
  apiKey: string | undefined;
  baseUrl: string | undefined;
}

const sessionSlot = wandbSlot<WandbSession>('session');

/** The process-wide login state, shared by every copy of this package of the same major (like the SDK's global login). */
export function wandbSession(): WandbSession {
  return sessionSlot.getOrCreate(() => ({ apiKey: undefined, baseUrl: undefined }));
}

/**
 * `wandb.login(key=…, host=…)`: remembers the key (registered for redaction, never logged) and the
 * API host for the next runs. No network call: the key is checked when a run starts.
 */
export function login(options: LoginOptions = {}): void {
  const { key, host } = resolveLoginOptions(options);
  const session = wandbSession();
  if (key !== undefined) {
    registerSecretValue(key);
    session.apiKey = key;
  }
  if (host !== undefined) session.baseUrl = host.replace(/\/+$/, '');
}
