import { registerSecretValue } from '@tasklens/core';
import { wandbSlot } from '../wandb-slot';

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

export interface LoginOptions {
  /** API key; default `WANDB_API_KEY`, then `~/.netrc`. */
  key?: string;
  /** API URL; default `WANDB_BASE_URL`, else `https://api.wandb.ai`. */
  host?: string;
}

/**
 * `wandb.login(key=…, host=…)`: remembers the key (registered for redaction, never logged) and the
 * API host for the next runs. No network call: the key is checked when a run starts.
 */
export function login(options: LoginOptions = {}): void {
  const session = wandbSession();
  if (options.key !== undefined) {
    registerSecretValue(options.key);
    session.apiKey = options.key;
  }
  if (options.host !== undefined) session.baseUrl = options.host.replace(/\/+$/, '');
}
