import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appUrlFor, runUrlFor } from './app-url';
import { netrcPath, readNetrcPassword } from './read-netrc';
import { resolveSettings } from './resolve-settings';
import { checkApiKey, validateProjectName, validateRunId } from './validate-settings';
import { login, wandbSession } from './wandb-session';

const key = 'x'.repeat(40);

afterEach(() => {
  const session = wandbSession();
  session.apiKey = undefined;
  session.baseUrl = undefined;
});

describe('W&B URLs', () => {
  it.each([
    ['https://api.wandb.ai', 'https://wandb.ai'],
    ['https://api.wandb.ai/', 'https://wandb.ai'],
    ['https://api.wandb.test', 'https://app.wandb.test'],
    ['https://api.acme.example', 'https://app.acme.example'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
  ])('app URL for %s is %s', (api, app) => {
    expect(appUrlFor(api)).toBe(app);
  });

  it('builds run URLs, percent-encoding the id except = + & $ @', () => {
    expect(runUrlFor('https://wandb.ai', 'acme', 'proj', 'ff59abade1e7f4758baf-n0-0')).toBe(
      'https://wandb.ai/acme/proj/runs/ff59abade1e7f4758baf-n0-0',
    );
    expect(runUrlFor('https://wandb.ai', 'a', 'p', 'x y=1+2&$@')).toBe(
      'https://wandb.ai/a/p/runs/x%20y=1+2&$@',
    );
  });
});

describe('SDK validation rules', () => {
  it.each([
    ['', 'Run ID cannot be empty'],
    ['   ', 'Run ID cannot contain only whitespace'],
    ['abc ', 'Run ID cannot start or end with whitespace'],
    ['a:b', "Run ID cannot contain the characters: :;,#?/'"],
    ["a'b", "Run ID cannot contain the characters: :;,#?/'"],
  ])('run id %j → %s', (id, message) => {
    expect(() => validateRunId(id)).toThrow(
      expect.objectContaining({ option: 'id', message: `id: ${message}` }),
    );
  });

  it('accepts ids the SDK accepts', () => {
    for (const id of ['abc', 'ff59abade1e7f4758baf-n0-0', 'my_execution_id', 'a.b'])
      expect(() => validateRunId(id)).not.toThrow();
  });

  it('rejects project names as the SDK does', () => {
    expect(() => validateProjectName('x'.repeat(129))).toThrow(/exceeded 128 characters/);
    expect(() => validateProjectName('a/b#c')).toThrow(
      "cannot contain characters '/,\\\\,#,?,%,:', found '/,#'",
    );
    expect(() => validateProjectName('fine-name_1')).not.toThrow();
  });

  it('checks API key formats without quoting the key', () => {
    expect(checkApiKey('')).toBe('API key is empty.');
    expect(checkApiKey('short')).toBe('API key must have 40+ characters, has 5.');
    expect(checkApiKey(`local-${'a'.repeat(40)}`)).toBeUndefined();
    expect(checkApiKey(`${'a'.repeat(39)}!`)).toBe(
      'API key may only contain the letters A-Z, digits and underscores.',
    );
    expect(checkApiKey('aaa.bbb.ccc')).toBeUndefined();
  });
});

describe('settings resolution', () => {
  it('reads the API key from ~/.netrc for the API host', () => {
    const home = mkdtempSync(join(tmpdir(), 'netrc-'));
    writeFileSync(
      join(home, '.netrc'),
      `machine api.wandb.ai\n  login user\n  password ${key}\nmachine other password nope\n`,
    );
    expect(netrcPath({ HOME: home })).toBe(join(home, '.netrc'));
    expect(readNetrcPassword(join(home, '.netrc'), 'api.wandb.ai')).toBe(key);
    expect(readNetrcPassword(join(home, '.netrc'), 'missing')).toBeUndefined();
    expect(resolveSettings({ project: 'p' }, { HOME: home }).apiKey).toBe(key);
    writeFileSync(join(home, 'custom'), `machine 127.0.0.1:9000 login api password ${key}`);
    expect(
      resolveSettings(
        { project: 'p' },
        { NETRC: join(home, 'custom'), WANDB_BASE_URL: 'http://127.0.0.1:9000' },
      ).apiKey,
    ).toBe(key);
  });

  it('prefers explicit options, then login(), then WANDB_* variables', () => {
    const environment = {
      WANDB_API_KEY: 'e'.repeat(40),
      WANDB_BASE_URL: 'http://env:1/',
      WANDB_PROJECT: 'envp',
    };
    expect(resolveSettings({}, environment)).toMatchObject({
      apiKey: 'e'.repeat(40),
      baseUrl: 'http://env:1',
      project: 'envp',
    });
    login({ key: 'l'.repeat(40), host: 'https://api.acme.example/' });
    expect(resolveSettings({}, environment)).toMatchObject({
      apiKey: 'l'.repeat(40),
      baseUrl: 'https://api.acme.example',
      appUrl: 'https://app.acme.example',
    });
    expect(resolveSettings({ apiKey: key, baseUrl: 'http://explicit' }, environment)).toMatchObject({
      apiKey: key,
      baseUrl: 'http://explicit',
    });
  });

  it('maps WANDB_MODE values as the SDK (dryrun = offline, run = online) and rejects others', () => {
    expect(resolveSettings({}, { WANDB_MODE: 'dryrun' }).mode).toBe('offline');
    expect(resolveSettings({}, { WANDB_MODE: 'disabled' }).mode).toBe('disabled');
    expect(resolveSettings({}, { WANDB_MODE: 'run', WANDB_API_KEY: key }).mode).toBe('online');
    expect(resolveSettings({}, { WANDB_DISABLED: 'true' }).mode).toBe('disabled');
    expect(() => resolveSettings({}, { WANDB_MODE: 'sometimes' })).toThrow(
      expect.objectContaining({ option: 'mode' }),
    );
  });

  it('puts runs under <dir>/wandb, or <dir>/.wandb when that exists', () => {
    const root = mkdtempSync(join(tmpdir(), 'wandb-dir-'));
    expect(resolveSettings({ mode: 'offline' }, { WANDB_DIR: root }).wandbDirectory).toBe(
      join(root, 'wandb'),
    );
    mkdirSync(join(root, '.wandb'));
    expect(resolveSettings({ mode: 'offline', dir: root }, {}).wandbDirectory).toBe(join(root, '.wandb'));
  });
});
