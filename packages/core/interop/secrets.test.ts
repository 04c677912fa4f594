import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretsManager } from '../src/secrets/secrets-manager';
import { runOracleScript } from './oracle-python';

interface SecretCase {
  title: string;
  local: boolean;
  environment: Record<string, string>;
  lookup: { group?: string; key?: string; groupVersion?: string };
}

const secretsDirectory = mkdtempSync(join(tmpdir(), 'interop-secrets-'));
mkdirSync(join(secretsDirectory, 'group', 'v1'), { recursive: true });
writeFileSync(join(secretsDirectory, 'group', 'test'), '  file-secret \n');
writeFileSync(join(secretsDirectory, 'group', 'v1', 'pre-test'), 'versioned-prefixed');
writeFileSync(join(secretsDirectory, 'abc'), 'key-only-file');
const configFile = join(secretsDirectory, 'flytekit.config');
writeFileSync(configFile, '[secrets]\nenv_prefix = CFG_\ndefault_dir = /nowhere\n');

const dir = { FLYTE_SECRETS_DEFAULT_DIR: secretsDirectory };
const cases: SecretCase[] = [
  {
    title: 'prefixed env, remote',
    local: false,
    environment: { _FSEC_GROUP_KEY: 'v1 ' },
    lookup: { group: 'group', key: 'key' },
  },
  {
    title: 'un-prefixed env, local',
    local: true,
    environment: { GROUP_KEY: 'plain' },
    lookup: { group: 'group', key: 'key' },
  },
  {
    title: 'un-prefixed env, remote',
    local: false,
    environment: { GROUP_KEY: 'plain' },
    lookup: { group: 'group', key: 'key' },
  },
  {
    title: 'prefixed wins over un-prefixed',
    local: true,
    environment: { _FSEC_G_K: 'a', G_K: 'b' },
    lookup: { group: 'g', key: 'k' },
  },
  {
    title: 'dashed group',
    local: false,
    environment: { '_FSEC_MY-GROUP_V1_ABC': 'd' },
    lookup: { group: 'my-group', key: 'ABC', groupVersion: 'v1' },
  },
  { title: 'file, remote', local: false, environment: dir, lookup: { group: 'group', key: 'test' } },
  { title: 'file, key only', local: false, environment: dir, lookup: { key: 'ABC' } },
  {
    title: 'file prefix and version',
    local: false,
    environment: { ...dir, FLYTE_SECRETS_FILE_PREFIX: 'pre-' },
    lookup: { group: 'group', key: 'test', groupVersion: 'v1' },
  },
  { title: 'file in wrong place', local: false, environment: dir, lookup: { group: 'other', key: 'abc' } },
  {
    title: 'custom env prefix',
    local: false,
    environment: { FLYTE_SECRETS_ENV_PREFIX: 'MINE_', MINE_A_B: 'custom' },
    lookup: { group: 'a', key: 'b' },
  },
  {
    title: 'empty env prefix falls back',
    local: false,
    environment: { FLYTE_SECRETS_ENV_PREFIX: '', _FSEC_A_B: 'fallback' },
    lookup: { group: 'a', key: 'b' },
  },
  {
    title: 'config file prefix',
    local: false,
    environment: { FLYTECTL_CONFIG: configFile, CFG_A_B: 'from-config' },
    lookup: { group: 'a', key: 'b' },
  },
  {
    title: 'env overrides config file',
    local: false,
    environment: { FLYTECTL_CONFIG: configFile, FLYTE_SECRETS_ENV_PREFIX: 'ENV_', ENV_A_B: 'env' },
    lookup: { group: 'a', key: 'b' },
  },
  { title: 'missing, local', local: true, environment: {}, lookup: { group: 'ABC', key: 'XYZ' } },
  { title: 'missing, remote', local: false, environment: {}, lookup: { group: 'ABC', key: 'XYZ' } },
  { title: 'missing, empty group', local: false, environment: {}, lookup: { group: '', key: 'x' } },
  {
    title: 'set-but-empty env prefix shadows the config file',
    local: false,
    environment: {
      FLYTECTL_CONFIG: configFile,
      FLYTE_SECRETS_ENV_PREFIX: '',
      _FSEC_A_B: 'default-prefix',
      CFG_A_B: 'config-prefix',
    },
    lookup: { group: 'a', key: 'b' },
  },
  {
    title: 'missing, config dir',
    local: false,
    environment: { FLYTECTL_CONFIG: configFile },
    lookup: { group: 'g', key: 'k' },
  },
];

describe("SecretsManager agrees with flytekit's", () => {
  const python = runOracleScript<{ value?: string; error?: string; type?: string }[]>(
    'secrets_oracle.py',
    cases,
  );

  it.each(cases.map((secretCase, index) => [secretCase.title, index] as const))('%s', (_title, index) => {
    const secretCase = cases[index]!;
    const manager = new SecretsManager({ environment: secretCase.environment, isLocal: secretCase.local });
    let ours: { value?: string; error?: string };
    try {
      ours = { value: manager.get(secretCase.lookup) };
    } catch (error) {
      ours = { error: (error as Error).message };
    }
    const { type: _type, ...expected } = python[index]!;
    expect(ours).toEqual(expected);
  });
});
