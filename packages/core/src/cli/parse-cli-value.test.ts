import { describe, expect, it } from 'vitest';
import { task } from '../task/task';
import { types } from '../types/types';
import { parseCliValue, parseDuration } from './parse-cli-value';
import { parseRunInputs } from './parse-run-inputs';

describe('tasklens run input parsing (by declared type, like pyflyte run)', () => {
  it('parses every built-in type', () => {
    expect(parseCliValue('42', types.integer(), '--n')).toBe(42);
    expect(parseCliValue('1e-3', types.float(), '--r')).toBe(0.001);
    expect(parseCliValue('True', types.boolean(), '--b')).toBe(true);
    expect(parseCliValue('no', types.boolean(), '--b')).toBe(false);
    expect(parseCliValue('2024-05-01T12:00:00Z', types.datetime(), '--w')).toEqual(
      new Date('2024-05-01T12:00:00Z'),
    );
    expect(parseCliValue('1h30m', types.duration(), '--d')).toBe(5_400_000);
    expect(parseCliValue('[1,2]', types.list(types.integer()), '--l')).toEqual([1, 2]);
    expect(parseCliValue('{"a":"2024-01-01T00:00:00Z"}', types.map(types.datetime()), '--m')).toEqual({
      a: new Date('2024-01-01T00:00:00Z'),
    });
    expect(parseCliValue('{"x":[1]}', types.json(), '--j')).toEqual({ x: [1] });
    expect(parseCliValue('./data.csv', types.file(), '--f')).toBe('./data.csv');
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('1.5s')).toBe(1500);
    expect(parseDuration('soon')).toBeUndefined();
  });

  it('names the option on a bad value', () => {
    expect(() => parseCliValue('4.5', types.integer(), '--rows')).toThrow(
      '--rows: cannot read "4.5" as integer',
    );
    expect(() => parseCliValue('[1,', types.list(types.integer()), '--l')).toThrow(
      '--l: cannot read "[1," as list<integer>',
    );
    expect(() => parseCliValue('maybe', types.boolean(), '--b')).toThrow(
      '--b: cannot read "maybe" as boolean',
    );
  });

  it('maps --kebab-case and --name=value flags to declared inputs', () => {
    const train = task(
      { name: 't.train', inputs: { rowCount: types.integer(), label: types.string() } },
      () => undefined,
    );
    expect(parseRunInputs(train, ['--row-count', '3', '--label=x y'])).toEqual({ rowCount: 3, label: 'x y' });
    expect(() => parseRunInputs(train, ['--rows', '3'])).toThrow(
      't.train has no input rows; inputs: --row-count, --label',
    );
    expect(() => parseRunInputs(train, ['--label'])).toThrow('--label needs a value');
  });
});
