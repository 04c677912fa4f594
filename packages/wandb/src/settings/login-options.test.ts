import { InvalidOptionError } from '@tasklens/core';
import { afterEach, describe, expect, it } from 'vitest';
import { login, wandbSession } from './wandb-session';

afterEach(() => {
  const session = wandbSession();
  session.apiKey = undefined;
  session.baseUrl = undefined;
});

function errorOf(attempt: () => unknown): InvalidOptionError {
  try {
    attempt();
  } catch (error) {
    if (error instanceof InvalidOptionError) return error;
    throw error;
  }
  throw new Error('expected an InvalidOptionError');
}

describe('login() options, as declared', () => {
  it('remembers the key and the host (trailing slashes dropped) for the next runs', () => {
    login({ key: 'k'.repeat(40), host: 'https://api.acme.example//' });
    expect(wandbSession()).toEqual({ apiKey: 'k'.repeat(40), baseUrl: 'https://api.acme.example' });
    login();
    expect(wandbSession()).toEqual({ apiKey: 'k'.repeat(40), baseUrl: 'https://api.acme.example' });
  });

  it('a value of the wrong kind is an InvalidOptionError naming the option, and nothing is remembered', () => {
    const key = errorOf(() => login({ key: 42 as never }));
    expect(key.option).toBe('login.key');
    expect(key.message).toBe('login.key must be a string, got number');
    const sentinel = 'SENTINEL-login-key-0123456789abcdef012345';
    const host = errorOf(() => login({ key: sentinel, host: ['https://a'] as never }));
    expect(host.option).toBe('login.host');
    expect(host.message).toBe('login.host must be a string, got object');
    expect(host.message).not.toContain(sentinel);
    expect(wandbSession()).toEqual({ apiKey: undefined, baseUrl: undefined });
  });

  it('an unknown option is an InvalidOptionError listing the known ones', () => {
    const unknown = errorOf(() => login({ apiKey: 'k'.repeat(40) } as never));
    expect(unknown.option).toBe('login.apiKey');
    expect(unknown.message).toBe('login has no option apiKey; known options: key, host');
    expect(unknown.message).not.toContain('k'.repeat(40));
  });
});
