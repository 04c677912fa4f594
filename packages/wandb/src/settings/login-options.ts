import { type DeclaredOptions, resolveDeclaredOptions } from '@tasklens/core/plugin';
import { textOption } from './wandb-option-declaration';

/**
 * `login()`'s options (the SDK's `wandb.login(key=…, host=…)` in camelCase), each declared once.
 * `login()` reads no environment itself: `init()` falls back to the variables named here.
 */
export const loginOptionDeclarations = {
  /** API key the next runs in this process use; default none (then `init()` reads WANDB_API_KEY, then `~/.netrc`). */
  key: textOption({ defaultValue: undefined }),
  /** API URL the next runs in this process use; default none (then `init()` reads WANDB_BASE_URL, else `https://api.wandb.ai`). */
  host: textOption({ defaultValue: undefined }),
};

/** Options of `login()`, the SDK's `wandb.login`. */
export type LoginOptions = DeclaredOptions<typeof loginOptionDeclarations>;

/** `login()`'s options checked: a value of the wrong kind or an unknown name is an `InvalidOptionError` naming it (`login.key`). */
export function resolveLoginOptions(given: LoginOptions) {
  return resolveDeclaredOptions(loginOptionDeclarations, given, 'login');
}
