import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { registerSecretValue } from '@tasklens/core/plugin';
import {
  type InitOptions,
  initOptionDeclarations,
  type ResolvedInitOptions,
  type WandbMode,
} from '../run/init-options';
import { appUrlFor } from './app-url';
import { netrcPath, readNetrcPassword } from './read-netrc';
import { checkApiKey } from './validate-settings';
import { resolveWandbOptions } from './wandb-option-declaration';
import { wandbSession } from './wandb-session';

export type { WandbMode } from '../run/init-options';

/** The part of `init()`'s options that decides where and how the run connects. */
export type SettingsInput = Pick<InitOptions, 'mode' | 'apiKey' | 'baseUrl' | 'project' | 'entity' | 'dir'>;

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

/**
 * Every option of `init()` as declared in `initOptionDeclarations`, read as the Python SDK does:
 * explicit options, then `login()` (key and host), then `WANDB_*` variables, then the default.
 */
export function resolveInitOptions(
  input: InitOptions,
  environment: Readonly<Record<string, string | undefined>>,
): ResolvedInitOptions {
  const session = wandbSession();
  const options = resolveWandbOptions(
    initOptionDeclarations,
    input,
    session as unknown as Record<string, unknown>,
    environment,
    'init',
  ) as ResolvedInitOptions;
  if (input.mode === undefined && /^(true|1|yes)$/i.test(environment.WANDB_DISABLED ?? ''))
    options.mode = 'disabled';
  return options;
}

/**
 * Resolves settings as the Python SDK does (see `resolveInitOptions`), then `~/.netrc` for the key.
 * Online without a usable key is an error naming `apiKey`.
 */
export function resolveSettings(
  input: SettingsInput,
  environment: Readonly<Record<string, string | undefined>>,
): WandbSettings {
  return settingsOf(resolveInitOptions(input, environment), environment);
}

/** The connection settings of resolved options: the key from `~/.netrc` online, and checked. */
export function settingsOf(
  options: ResolvedInitOptions,
  environment: Readonly<Record<string, string | undefined>>,
): WandbSettings {
  const { project, entity } = options;
  // The declaration's validation maps the SDK's aliases (`dryrun`, `run`) to the three modes.
  const mode = options.mode as WandbMode;
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const root = resolve(options.dir ?? process.cwd());
  const wandbDirectory = existsSync(join(root, '.wandb')) ? join(root, '.wandb') : join(root, 'wandb');
  let apiKey: string | undefined;
  if (mode === 'online') {
    apiKey = options.apiKey ?? readNetrcPassword(netrcPath(environment), new URL(baseUrl).host);
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
