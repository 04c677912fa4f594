import { InvalidOptionError, Secret } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { cometMlLogin } from '../comet-ml-login';

function optionNamed(options: object): string | undefined {
  try {
    cometMlLogin(options as never);
  } catch (error) {
    if (error instanceof InvalidOptionError) return error.option;
    throw error;
  }
  return undefined;
}

describe('cometMlLogin options, checked when the decorator is written', () => {
  const valid = { projectName: 'p', workspace: 'w', secret: new Secret({ group: 'comet', key: 'api_key' }) };

  it('requires projectName, workspace and secret, each named in the InvalidOptionError', () => {
    expect(optionNamed({ workspace: 'w', secret: () => 'key' })).toBe('cometMlLogin.projectName');
    expect(optionNamed({ projectName: 'p', secret: () => 'key' })).toBe('cometMlLogin.workspace');
    expect(optionNamed({ projectName: 'p', workspace: 'w' })).toBe('cometMlLogin.secret');
    expect(optionNamed({ ...valid, secret: 'the key itself' })).toBe('cometMlLogin.secret');
    expect(optionNamed({ ...valid, host: 42 })).toBe('cometMlLogin.host');
  });

  it('accepts any experiment key (it is checked when the task runs) and a JavaScript null as none', () => {
    expect(optionNamed({ ...valid, experimentKey: 'short' })).toBeUndefined();
    expect(optionNamed({ ...valid, experimentKey: null })).toBeUndefined();
    expect(optionNamed({ ...valid, secret: () => 'key' })).toBeUndefined();
  });

  it('a secret of the wrong kind: the message says what it must be', () => {
    expect(() => cometMlLogin({ ...valid, secret: 'the key itself' as never })).toThrow(
      expect.objectContaining({
        option: 'cometMlLogin.secret',
        message: 'cometMlLogin.secret must be a Secret or a function returning the API key, got string',
      }),
    );
  });

  it('accepts a Secret made by another copy of @tasklens/core (an object with a key, not instanceof)', () => {
    const foreign = { group: 'comet', key: 'api_key', groupVersion: undefined, mountRequirement: 'ANY' };
    expect(foreign instanceof Secret).toBe(false);
    expect(optionNamed({ ...valid, secret: foreign })).toBeUndefined();
  });
});
