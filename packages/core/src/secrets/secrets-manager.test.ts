import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MissingSecretError } from '../errors/missing-secret-error';
import { SecretsManager } from './secrets-manager';

const defaults = { envPrefix: '_FSEC_', defaultDirectory: '/etc/secrets', filePrefix: '' };

describe('SecretsManager names (flytekit test_context_manager vectors)', () => {
  const manager = new SecretsManager({ environment: {}, config: defaults });

  it.each([
    [{ group: 'group', key: 'test' }, '_FSEC_GROUP_TEST'],
    [{ group: 'group', key: 'test', groupVersion: 'v1' }, '_FSEC_GROUP_V1_TEST'],
    [{ group: 'group', groupVersion: 'v1' }, '_FSEC_GROUP_V1'],
    [{ group: 'group' }, '_FSEC_GROUP'],
    [{ key: 'ABC' }, '_FSEC_ABC'],
    [{ group: 'my-group', key: 'ABC', groupVersion: 'v1' }, '_FSEC_MY-GROUP_V1_ABC'],
  ])('derives env var name for %j as %s', (lookup, expected) => {
    expect(manager.environmentVariableName(lookup)).toBe(expected);
  });

  it.each([
    [{ group: 'group', key: 'test' }, '/etc/secrets/group/test'],
    [{ group: 'group', key: 'test', groupVersion: 'v1' }, '/etc/secrets/group/v1/test'],
    [{ key: 'ABC' }, '/etc/secrets/abc'],
  ])('derives file path for %j as %s', (lookup, expected) => {
    expect(manager.filePath(lookup)).toBe(expected);
  });

  it('puts the file prefix on the last path part only', () => {
    const prefixed = new SecretsManager({ environment: {}, config: { ...defaults, filePrefix: 'p-' } });
    expect(prefixed.filePath({ group: 'G', key: 'K', groupVersion: 'V' })).toBe('/etc/secrets/g/v/p-k');
  });
});

describe('SecretsManager lookup', () => {
  it('accepts the un-prefixed env var locally but not remotely', () => {
    const environment = { ABC_XYZ: 'my-abc-secret', XYZ: 'key-only' };
    const local = new SecretsManager({ environment, isLocal: true, config: defaults });
    expect(local.get({ group: 'ABC', key: 'XYZ' })).toBe('my-abc-secret');
    expect(local.get({ key: 'XYZ' })).toBe('key-only');
    const remote = new SecretsManager({ environment, isLocal: false, config: defaults });
    expect(() => remote.get({ group: 'ABC', key: 'XYZ' })).toThrow(MissingSecretError);
  });

  it('finds the prefixed env var remotely and trims it', () => {
    const remote = new SecretsManager({
      environment: { _FSEC_ABC_XYZ: '  value\n' },
      isLocal: false,
      config: defaults,
    });
    expect(remote.get({ group: 'ABC', key: 'XYZ' })).toBe('value');
    const keyOnly = new SecretsManager({ environment: { _FSEC_XYZ: 'k' }, isLocal: false, config: defaults });
    expect(keyOnly.get({ key: 'XYZ' })).toBe('k');
  });

  it('reads a file under FLYTE_SECRETS_DEFAULT_DIR, as text or bytes', () => {
    const directory = mkdtempSync(join(tmpdir(), 'secrets-'));
    mkdirSync(join(directory, 'group'));
    writeFileSync(join(directory, 'group', 'test'), 'my-password\n');
    writeFileSync(join(directory, 'test'), 'wrong-place');
    const manager = new SecretsManager({
      environment: { FLYTE_SECRETS_DEFAULT_DIR: directory },
      isLocal: false,
    });
    expect(manager.get({ group: 'group', key: 'test' })).toBe('my-password');
    expect(Buffer.from(manager.getBytes({ group: 'group', key: 'test' })).toString()).toBe('my-password');
    expect(() => manager.get({ group: 'other', key: 'test' })).toThrow(MissingSecretError);
  });

  it('does not accept a file directly under the directory for a grouped secret', () => {
    const directory = mkdtempSync(join(tmpdir(), 'secrets-'));
    writeFileSync(join(directory, 'test'), 'wrong-place');
    const manager = new SecretsManager({ environment: { FLYTE_SECRETS_DEFAULT_DIR: directory } });
    expect(() => manager.get({ group: 'group', key: 'test' })).toThrow(MissingSecretError);
  });

  it("raises flytekit's message naming the last env var tried and the file", () => {
    const local = new SecretsManager({ environment: {}, isLocal: true, config: defaults });
    expect(() => local.get({ group: 'ABC', key: 'XYZ' })).toThrow(
      'Please make sure to add secret_requests=[Secret(group=ABC, key=XYZ)] in @task. Unable to find secret for key XYZ in group ABC in Env Var:ABC_XYZ and FilePath: /etc/secrets/abc/xyz',
    );
    const remote = new SecretsManager({ environment: {}, isLocal: false, config: defaults });
    expect(() => remote.get({ group: '', key: 'x' })).toThrow(
      /Env Var:_FSEC_X and FilePath: \/etc\/secrets\/x$/,
    );
  });

  it('honours FLYTE_SECRETS_ENV_PREFIX and ignores it when empty', () => {
    const custom = new SecretsManager({
      environment: { FLYTE_SECRETS_ENV_PREFIX: 'MY_', MY_A_B: 'v' },
      isLocal: false,
    });
    expect(custom.get({ group: 'a', key: 'b' })).toBe('v');
    const empty = new SecretsManager({ environment: { FLYTE_SECRETS_ENV_PREFIX: '' } });
    expect(empty.config.envPrefix).toBe('_FSEC_');
  });
});
