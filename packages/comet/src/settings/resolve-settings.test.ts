import { InvalidOptionError } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
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
