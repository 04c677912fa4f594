import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../errors/invalid-option-error';
import { Secret } from './secret';

describe('Secret', () => {
  it('rejects an invalid envVar with an error naming Secret.envVar', () => {
    let caught: unknown;
    try {
      new Secret({ group: 'g', key: 'k', envVar: 'lower-case' });
    } catch (error) {
      caught = error;
    }
    expect(InvalidOptionError.isInstance(caught)).toBe(true);
    expect((caught as InvalidOptionError).option).toBe('Secret.envVar');
    expect((caught as Error).message).toContain('Invalid environment variable name: lower-case');
  });

  it('accepts a valid envVar and defaults the mount requirement to ANY', () => {
    const secret = new Secret({ group: 'g', key: 'k', envVar: 'MY_KEY_2' });
    expect(secret.mountRequirement).toBe('ANY');
    expect(String(secret)).toBe('Secret(group=g, key=k)');
  });

  it('rejects an unknown mount requirement', () => {
    expect(() => new Secret({ group: 'g', mountRequirement: 'DISK' as never })).toThrow(
      /Secret.mountRequirement/,
    );
  });
});
