import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** Where secrets are looked up, as flytekit's `SecretsConfig`. */
export interface SecretsConfig {
  /** Prefix of injected secret env vars; default `_FSEC_`, env `FLYTE_SECRETS_ENV_PREFIX`. */
  envPrefix: string;
  /** Directory of secret files; default `/etc/secrets`, env `FLYTE_SECRETS_DEFAULT_DIR`. */
  defaultDirectory: string;
  /** Prefix of the last path part of a secret file; default empty, env `FLYTE_SECRETS_FILE_PREFIX`. */
  filePrefix: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

/** flytekit's config-file discovery: only an INI (legacy) file can carry a `[secrets]` section. */
function findConfigFile(environment: Environment, workingDirectory: string): string | undefined {
  const fromEnvironment = environment._FLYTECTL_CONFIG_PYFLYTE_OVERRIDE ?? environment.FLYTECTL_CONFIG;
  if (fromEnvironment && existsSync(fromEnvironment)) return resolve(fromEnvironment);
  for (const candidate of [
    join(workingDirectory, 'flytekit.config'),
    join(homedir(), '.flyte', 'config'),
    join(homedir(), '.flyte', 'config.yaml'),
  ]) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

function readIniSection(path: string, section: string): Record<string, string> {
  if (/\.ya?ml$/i.test(path)) return {};
  const values: Record<string, string> = {};
  let current = '';
  for (const rawLine of readFileSync(path, 'utf8').split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = header[1]!.trim();
      continue;
    }
    const separator = line.search(/[=:]/);
    if (current === section && separator > 0) {
      values[line.slice(0, separator).trim().toLowerCase()] = line.slice(separator + 1).trim();
    }
  }
  return values;
}

/**
 * Reads the secrets configuration as flytekit's `SecretsConfig.auto()`: each value from its
 * `FLYTE_SECRETS_*` variable when that is set, else from the INI config file's `[secrets]`
 * section; an empty or missing value means the default; then stripped.
 */
export function loadSecretsConfig(environment: Environment, workingDirectory = process.cwd()): SecretsConfig {
  let fileValues: Record<string, string> | undefined;
  const fromFile = (key: string): string | undefined => {
    if (fileValues === undefined) {
      const path = findConfigFile(environment, workingDirectory);
      fileValues = path === undefined ? {} : readIniSection(path, 'secrets');
    }
    return fileValues[key];
  };
  // A variable that is set shadows the file even when empty; an empty value then means the default.
  const pick = (variable: string, key: string, fallback: string): string => {
    const value = variable in environment ? environment[variable] : fromFile(key);
    return (value ? value : fallback).trim();
  };
  return {
    envPrefix: pick('FLYTE_SECRETS_ENV_PREFIX', 'env_prefix', '_FSEC_'),
    defaultDirectory: pick('FLYTE_SECRETS_DEFAULT_DIR', 'default_dir', '/etc/secrets'),
    filePrefix: pick('FLYTE_SECRETS_FILE_PREFIX', 'file_prefix', ''),
  };
}
