import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { login, resetLogin } from './login-session';
import { resolveSettings } from './resolve-settings';

const environment = { HOME: '/nonexistent-comet-home' };

describe('the server URL in the settings', () => {
  it('is checked at once online: a malformed urlOverride is an InvalidOptionError naming it', () => {
    let thrown: unknown;
    try {
      resolveSettings({ apiKey: 'settings0test0key', urlOverride: 'not a url' }, environment);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidOptionError);
    expect((thrown as InvalidOptionError).option).toBe('urlOverride');
  });

  it('is parsed only when read offline, where the server is never contacted', () => {
    const offline = resolveSettings({ offline: true, urlOverride: 'not a url' }, environment);
    expect(offline.offline).toBe(true);
    expect(() => offline.rootUrl).toThrow(InvalidOptionError);
    const valid = resolveSettings(
      { offline: true, urlOverride: 'https://comet.example/clientlib/' },
      environment,
    );
    expect([valid.rootUrl, valid.clientlibUrl]).toEqual([
      'https://comet.example',
      'https://comet.example/clientlib/',
    ]);
  });
});

describe('each setting, read as declared', () => {
  it('takes the option given in code, then login(), then the environment variable, then .comet.config, then the default', () => {
    const home = mkdtempSync(join(tmpdir(), 'comet-settings-'));
    writeFileSync(
      join(home, '.comet.config'),
      '[comet]\nworkspace = from-file\nproject_name = file-project\n',
    );
    const base = { HOME: home, COMET_API_KEY: 'settings0test0key' };
    try {
      expect(resolveSettings({}, base).workspace).toBe('from-file');
      expect(resolveSettings({}, { ...base, COMET_WORKSPACE: 'from-env' }).workspace).toBe('from-env');
      // An empty variable counts as not set.
      expect(resolveSettings({}, { ...base, COMET_WORKSPACE: '' }).workspace).toBe('from-file');
      login({ workspace: 'from-login' });
      expect(resolveSettings({}, { ...base, COMET_WORKSPACE: 'from-env' }).workspace).toBe('from-login');
      expect(resolveSettings({ workspace: 'from-code' }, base).workspace).toBe('from-code');
      expect(resolveSettings({}, base).projectName).toBe('file-project');
      const defaults = resolveSettings({ offline: true }, environment);
      expect([
        defaults.handshakeDeadlineMs,
        defaults.checkpointIntervalMs,
        defaults.offlineDirectory,
      ]).toEqual([30_000, 1000, join(process.cwd(), '.cometml-runs')]);
    } finally {
      resetLogin();
    }
  });

  it('reads a flag as the SDK does: true only for 1/true/yes/on; COMET_MODE=offline or COMET_START_ONLINE=false (any case) turns offline on', () => {
    expect(resolveSettings({}, { ...environment, COMET_OFFLINE: 'yes' }).offline).toBe(true);
    expect(
      resolveSettings({}, { ...environment, COMET_OFFLINE: 'sometimes', COMET_API_KEY: 'k' }).offline,
    ).toBe(false);
    expect(resolveSettings({}, { ...environment, COMET_MODE: 'offline' }).offline).toBe(true);
    expect(resolveSettings({}, { ...environment, COMET_MODE: 'OFFLINE' }).offline).toBe(true);
    expect(resolveSettings({}, { ...environment, COMET_START_ONLINE: 'False' }).offline).toBe(true);
    expect(resolveSettings({}, { ...environment, COMET_START_ONLINE: '0' }).offline).toBe(true);
    expect(
      resolveSettings({}, { ...environment, COMET_START_ONLINE: 'true', COMET_API_KEY: 'k' }).offline,
    ).toBe(false);
    expect(resolveSettings({}, { ...environment, COMET_MODE: 'online', COMET_API_KEY: 'k' }).offline).toBe(
      false,
    );
    expect(
      resolveSettings({ offline: false, apiKey: 'k' }, { ...environment, COMET_MODE: 'offline' }).offline,
    ).toBe(false);
  });

  it('refuses a value of the wrong kind or an unknown option with an InvalidOptionError naming it', () => {
    const named = (options: object): string | undefined => {
      try {
        resolveSettings({ offline: true, ...options } as never, environment);
      } catch (error) {
        if (error instanceof InvalidOptionError) return error.option;
        throw error;
      }
      return undefined;
    };
    expect(named({ handshakeDeadlineMs: -1 })).toBe('handshakeDeadlineMs');
    expect(named({ checkpointIntervalMs: 0.5 })).toBe('checkpointIntervalMs');
    expect(named({ offline: 'yes' })).toBe('offline');
    expect(named({ tags: 'one' })).toBe('tags');
    expect(named({ transport: 5 })).toBe('transport');
    expect(named({ experimentKey: 'short' })).toBe('experimentKey');
    expect(named({ projectname: 'p' })).toBe('projectname');
    expect(named({ handshakeDeadlineMs: 0, tags: ['a'] })).toBeUndefined();
  });
});
