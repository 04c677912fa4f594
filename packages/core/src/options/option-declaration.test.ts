import { describe, expect, test } from 'vitest';
import { InvalidOptionError } from '../errors/invalid-option-error';
import {
  booleanOption,
  integerOption,
  objectOption,
  rejectUnknownOptions,
  resolveAtExecution,
  resolveDeclaredOptions,
  textOption,
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

  test('a text option keeps what its check returns, drops undefined, and names a non-string by its type', () => {
    const upper = textOption(
      { defaultValue: undefined, environmentVariable: 'NAME', configKey: 'name' },
      (text) => (text.length > 3 ? undefined : text.toUpperCase()),
    );
    expect(upper.configKey).toBe('name');
    expect(upper.environmentVariable).toBe('NAME');
    expect(upper.validate('abc', 'name', {})).toBe('ABC');
    expect(upper.validate('abcd', 'name', {})).toBeUndefined();
    expect(upper.parseEnvironment?.('text')).toBe('text');
    expect(() => upper.validate(5, 'name', {})).toThrow('name must be a string, got number');
  });

  test('an object option refuses arrays and null, naming what it expects', () => {
    const retry = objectOption<{ attempts?: number }>('a retry policy');
    expect(retry.validate({ attempts: 2 }, 'retry', {})).toEqual({ attempts: 2 });
    expect(retry.defaultValue).toBeUndefined();
    for (const wrong of [[], null, 'often']) {
      expect(() => retry.validate(wrong, 'retry', {})).toThrow(/^retry must be a retry policy, got /);
    }
  });

  test('an unknown option is named plainly, or under a prefix', () => {
    const declarations = { size: integerOption({ minimum: 1, defaultValue: 3 }) };
    expect(() => rejectUnknownOptions(declarations, { size: 2 }, 'start')).not.toThrow();
    try {
      rejectUnknownOptions(declarations, { colour: 'red' }, 'start()');
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidOptionError).option).toBe('colour');
      expect((error as Error).message).toBe('start() has no option colour; known options: size');
    }
    expect(() => rejectUnknownOptions(declarations, { colour: 'red' }, 'thing', 'thing')).toThrow(
      expect.objectContaining({ option: 'thing.colour' }),
    );
  });
});
