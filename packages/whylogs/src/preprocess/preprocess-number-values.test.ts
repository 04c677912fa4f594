import { describe, expect, it } from 'vitest';
import { preprocessNumberValues, preprocessRecordValues } from './preprocess-record-values';
import { splitColumns } from './split-columns';

const cases: Record<string, number[]> = {
  empty: [],
  ints: [1, -2, 0, -0, 2 ** 53 - 1],
  'ints and floats': [1, 2.5, -3],
  'unsafe integer': [1, 2 ** 60],
  'with NaN': [1, Number.NaN, 3],
  'only NaN': [Number.NaN, Number.NaN],
  infinities: [Number.POSITIVE_INFINITY, 1, Number.NEGATIVE_INFINITY, Number.NaN],
};

describe('preprocessNumberValues', () => {
  for (const [name, values] of Object.entries(cases)) {
    it(`splits an all-number column like preprocessRecordValues: ${name}`, () => {
      expect(preprocessNumberValues(Float64Array.from(values))).toEqual(preprocessRecordValues(values));
    });
  }
});

describe('splitColumns on records', () => {
  it('lists keys in first-appearance order when records differ in keys and key order', () => {
    const records = [{ a: 1, b: 2 }, { b: 3, a: 4 }, { a: 5, c: 6 }, { d: 7, b: 8, a: 9 }, {}, { e: 1 }];
    expect(splitColumns(records).map((column) => column.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('falls back to per-value classification when a column mixes numbers with other values', () => {
    const records = [{ x: 1, y: 1 }, { x: 2.5, y: null }, { x: 3, y: 'text' }, { x: Number.NaN }];
    const [x, y] = splitColumns(records);
    expect(x!.preprocess()).toEqual(preprocessRecordValues([1, 2.5, 3, Number.NaN]));
    expect(y!.preprocess()).toEqual(preprocessRecordValues([1, null, 'text', undefined]));
  });
});
