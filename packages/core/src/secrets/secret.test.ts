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

  it('refuses a Secret without a group, as flytekit does at registration (an empty group is allowed)', () => {
    expect(() => new Secret({ key: 'k' } as never)).toThrow('Group is a required parameter');
    expect(new Secret({ group: '', key: 'k' }).group).toBe('');
  });

  it("validates envVar as Python's re.match does: one final newline passes, the message is flytekit's", () => {
    expect(new Secret({ group: 'g', envVar: 'MY_KEY\n' }).envVar).toBe('MY_KEY\n');
    expect(() => new Secret({ group: 'g', envVar: 'MY_KEY\n\n' })).toThrow(
      /^Invalid environment variable name: MY_KEY\n\n$/,
    );
    expect(() => new Secret({ group: 'g', envVar: '' })).toThrow('Invalid environment variable name: ');
    expect(() => new Secret({ group: 'g', envVar: '1ABC' })).toThrow(
      'Invalid environment variable name: 1ABC',
    );
  });
});
