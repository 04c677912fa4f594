import { InvalidOptionError } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../test-support/seeded-random';
import { preprocessRecordValues } from './preprocess-record-values';
import { readRecordColumns } from './read-record-columns';
import { splitColumns } from './split-columns';

describe('readRecordColumns', () => {
  it('copies the numbers of records sharing their keys into one array per column', () => {
    const records = [
      { a: 1, b: -0.5 },
      { a: -0, b: Number.NaN },
      { a: 2 ** 60, b: Number.POSITIVE_INFINITY },
    ];
    const { names, numbers } = readRecordColumns(records, 'data');
    expect(names).toEqual(['a', 'b']);
    expect(numbers).toEqual([
      Float64Array.of(1, -0, 2 ** 60),
      Float64Array.of(-0.5, Number.NaN, Number.POSITIVE_INFINITY),
    ]);
    expect(Object.is(numbers[0]![1], -0)).toBe(true);
  });

  it('tells which number columns hold safe integers only', () => {
    const records = [
      { a: 1, b: 1, c: 1, d: 1 },
      { a: -0, b: 2 ** 53, c: 0.5, d: Number.NaN },
    ];
    expect(readRecordColumns(records, 'data').safeIntegers).toEqual([true, false, false, false]);
  });

  it('reads records with another key order by name', () => {
    const records = [
      { a: 1, b: 2 },
      { b: 3, a: 4 },
      { a: 5, b: 6 },
    ];
    expect(readRecordColumns(records, 'data').numbers).toEqual([
      Float64Array.of(1, 4, 5),
      Float64Array.of(2, 3, 6),
    ]);
  });

  it('gives no numbers for a column some record lacks or holds something else in', () => {
    const records: Record<string, unknown>[] = [
      { a: 1, b: 1, c: 1, d: 1 },
      { a: 2, c: null, d: 2 },
      { a: 3, b: 3, c: 3, d: 'text', e: 3 },
      { a: 4, b: 4, c: 4, d: 4, e: 4 },
    ];
    const { names, numbers } = readRecordColumns(records, 'data');
    expect(names).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(numbers).toEqual([Float64Array.of(1, 2, 3, 4), null, null, null, null]);
  });

  it('picks up a shape change after thousands of same-shaped records (new key, missing key, other order)', () => {
    const uniform = (row: number) => ({ a: row, b: row % 7 });
    const cases: [string, Record<string, unknown>][] = [
      ['new key', { a: 1, b: 2, c: 3 }],
      ['missing key', { a: 1 }],
      ['other order', { b: 2, a: 1 }],
      ['other value', { a: 1, b: 'x' }],
    ];
    for (const [label, odd] of cases) {
      const records: Record<string, unknown>[] = Array.from({ length: 5000 }, (_, row) => uniform(row));
      records[3000] = odd;
      const columns = splitColumns(records);
      expect(
        columns.map((column) => column.name),
        label,
      ).toEqual(Object.hasOwn(odd, 'c') ? ['a', 'b', 'c'] : ['a', 'b']);
      for (const column of columns) {
        const expected = preprocessRecordValues(records.map((record) => record[column.name]));
        expect(column.preprocess(), `${label}, column ${column.name}`).toEqual(expected);
      }
    }
  });

  it('names the record that is not an object, wherever it is', () => {
    for (const row of [0, 1, 5]) {
      const records: unknown[] = Array.from({ length: 6 }, (_, index) => ({ x: index }));
      records[row] = [1, 2];
      const read = () => readRecordColumns(records as Record<string, unknown>[], 'data');
      expect(read).toThrow(InvalidOptionError);
      expect(read).toThrow(`data[${row}]`);
    }
  });

  it('preprocesses every column exactly as the per-value rules do, on random record shapes', () => {
    const random = seededRandom(16);
    const keys = ['k0', 'k1', 'k2', 'k3', 'k4'];
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const values = [
      0,
      -0,
      1,
      -7,
      2.5,
      2 ** 53,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      null,
      undefined,
      'x',
      true,
    ];
    for (let trial = 0; trial < 200; trial++) {
      const rows = 1 + Math.floor(random() * 40);
      // Most trials: uniform numeric records with an occasional odd one (missing key, other order, other value).
      const oddness = random() < 0.5 ? 0.02 : 0.3;
      const records = Array.from({ length: rows }, () => {
        const record: Record<string, unknown> = {};
        const order = random() < oddness ? [...keys].sort(() => random() - 0.5) : keys;
        for (const key of order) {
          if (random() < oddness / 2) continue;
          record[key] = random() < oddness ? pick(values) : Math.floor(random() * 10);
        }
        return record;
      });
      for (const column of splitColumns(records)) {
        const expected = preprocessRecordValues(records.map((record) => record[column.name]));
        expect(column.preprocess(), `trial ${trial}, column ${column.name}`).toEqual(expected);
      }
    }
  });
});
