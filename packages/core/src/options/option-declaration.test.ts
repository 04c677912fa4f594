import { describe, expect, test } from 'vitest';
import { InvalidOptionError } from '../errors/invalid-option-error';
import {
  booleanOption,
  integerOption,
  resolveAtExecution,
  resolveDeclaredOptions,
} from './option-declaration';

describe('one declaration per option', () => {
  test('an undeclared option is rejected, listing the declared ones', () => {
    const declarations = { size: integerOption({ minimum: 1, defaultValue: 3 }) };
    expect(() => resolveDeclaredOptions(declarations, { colour: 'red' }, 'thing')).toThrow(
      /thing has no option colour; known options: size/,
    );
  });

  test('a declared validator names the option and what it expects', () => {
    const declarations = { enabled: booleanOption(false) };
    try {
      resolveDeclaredOptions(declarations, { enabled: 'yes' }, 'thing');
      expect.unreachable();
    } catch (error) {
      expect(InvalidOptionError.isInstance(error)).toBe(true);
      expect((error as InvalidOptionError).option).toBe('thing.enabled');
      expect((error as Error).message).toBe('thing.enabled must be a boolean, got string');
    }
  });

  test('at execution: code wins, then the declared environment variable, then the fallback', () => {
    const declaration = integerOption({ minimum: 0, defaultValue: undefined, environmentVariable: 'EVERY' });
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    expect(resolveAtExecution(declaration, 7, { EVERY: '9' }, 5, warn)).toBe(7);
    expect(resolveAtExecution(declaration, undefined, { EVERY: '0' }, 5, warn)).toBe(0);
    expect(resolveAtExecution(declaration, undefined, {}, 5, warn)).toBe(5);
    expect(warnings).toEqual([]);
    expect(resolveAtExecution(declaration, undefined, { EVERY: '-2' }, 5, warn)).toBe(5);
    expect(warnings).toEqual(['EVERY="-2" is not an integer >= 0; using the default']);
  });
});
