import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { registerSecretValue } from '@tasklens/core/plugin';
import { appUrlFor } from './app-url';
import { netrcPath, readNetrcPassword } from './read-netrc';
import { checkApiKey, validateProjectName } from './validate-settings';
import { wandbSession } from './wandb-session';

export type WandbMode = 'online' | 'offline' | 'disabled';

export interface SettingsInput {
  mode?: WandbMode | 'dryrun' | 'run' | undefined;
  apiKey?: string | undefined;
  baseUrl?: string | undefined;
  project?: string | undefined;
  entity?: string | undefined;
  dir?: string | undefined;
}

export interface WandbSettings {
  mode: WandbMode;
  /** Only for online runs; registered for redaction. */
  apiKey: string | undefined;
  baseUrl: string;
  appUrl: string;
  project: string;
  /** Undefined lets the server pick the API key's default entity. */
  entity: string | undefined;
  /** `<dir>/wandb` (or `<dir>/.wandb` when that already exists), where run directories go. */
  wandbDirectory: string;
}

const modes: Record<string, WandbMode> = {
  online: 'online',
  run: 'online',
  offline: 'offline',
  dryrun: 'offline',
  disabled: 'disabled',
};

/**
 * Resolves settings as the Python SDK does: explicit options, then `login()`, then `WANDB_*`
 * variables (`WANDB_MODE`, `WANDB_API_KEY`, `WANDB_BASE_URL`, `WANDB_PROJECT`, `WANDB_ENTITY`,
 * `WANDB_DIR`), then `~/.netrc` for the key. Online without a usable key is an error naming `apiKey`.
 */
export function resolveSettings(
  input: SettingsInput,
  environment: Readonly<Record<string, string | undefined>>,
): WandbSettings {
  const session = wandbSession();
  const modeText = input.mode ?? (environment.WANDB_MODE || undefined) ?? 'online';
  let mode = modes[modeText];
  if (mode === undefined) {
    throw new InvalidOptionError({
      option: 'mode',
      message: `mode: must be one of online, offline, disabled (WANDB_MODE), got ${JSON.stringify(modeText)}`,
    });
  }
  if (input.mode === undefined && /^(true|1|yes)$/i.test(environment.WANDB_DISABLED ?? '')) mode = 'disabled';
  const baseUrl = (
    input.baseUrl ??
    session.baseUrl ??
    (environment.WANDB_BASE_URL || 'https://api.wandb.ai')
  ).replace(/\/+$/, '');
  const project = input.project ?? (environment.WANDB_PROJECT || undefined) ?? 'uncategorized';
  validateProjectName(project);
  const entity = input.entity ?? (environment.WANDB_ENTITY || undefined);
  const root = resolve(input.dir ?? (environment.WANDB_DIR || undefined) ?? process.cwd());
  const wandbDirectory = existsSync(join(root, '.wandb')) ? join(root, '.wandb') : join(root, 'wandb');
  let apiKey: string | undefined;
  if (mode === 'online') {
    apiKey = input.apiKey ?? session.apiKey ?? (environment.WANDB_API_KEY || undefined);
    apiKey ??= readNetrcPassword(netrcPath(environment), new URL(baseUrl).host);
    if (apiKey === undefined) {
      throw new InvalidOptionError({
        option: 'apiKey',
        message:
          'apiKey: api_key not configured: set WANDB_API_KEY, add the key to ~/.netrc, call login({ key }), or use mode "offline" (WANDB_MODE=offline)',
      });
    }
    registerSecretValue(apiKey);
    const problem = checkApiKey(apiKey);
    if (problem !== undefined)
      throw new InvalidOptionError({ option: 'apiKey', message: `apiKey: ${problem}` });
  }
  return { mode, apiKey, baseUrl, appUrl: appUrlFor(baseUrl), project, entity, wandbDirectory };
}
