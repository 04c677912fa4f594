import {
  Bool,
  type DataType,
  Float32,
  Float64,
  Int32,
  Int64,
  Null,
  Table,
  TimestampMillisecond,
  Utf8,
  type Vector,
  vectorFromArray,
} from 'apache-arrow';
import { seededRandom } from '../src/test-support/seeded-random';

/** An Arrow column: its type name (shared with the Python helper) and values (null = Arrow null). */
export interface ArrowColumnSpec {
  name: string;
  type: 'int32' | 'int64' | 'float32' | 'float64' | 'bool' | 'utf8' | 'timestamp_ms' | 'null';
  values: unknown[];
}

export type Dataset =
  | { name: string; mode: 'records'; records: Record<string, unknown>[] }
  | { name: string; mode: 'arrow'; columns: ArrowColumnSpec[] };

const arrowTypes: Record<ArrowColumnSpec['type'], () => DataType> = {
  int32: () => new Int32(),
  int64: () => new Int64(),
  float32: () => new Float32(),
  float64: () => new Float64(),
  bool: () => new Bool(),
  utf8: () => new Utf8(),
  timestamp_ms: () => new TimestampMillisecond(),
  null: () => new Null(),
};

export function arrowTable(columns: ArrowColumnSpec[]): Table {
  const vectors: Record<string, Vector> = {};
  for (const column of columns) {
    const values =
      column.type === 'int64'
        ? column.values.map((value) => (value === null ? null : BigInt(value as number | bigint)))
        : column.values;
    vectors[column.name] = vectorFromArray(values as never[], arrowTypes[column.type]() as never);
  }
  return new Table(vectors);
}

/** The first or second half of a dataset's rows (for merge tests). */
export function halfOf(dataset: Dataset, half: 0 | 1): Dataset {
  const cut = <T>(values: T[]) => {
    const middle = Math.floor(values.length / 2);
    return half === 0 ? values.slice(0, middle) : values.slice(middle);
  };
  if (dataset.mode === 'records')
    return { ...dataset, name: `${dataset.name}-${half}`, records: cut(dataset.records) };
  return {
    ...dataset,
    name: `${dataset.name}-${half}`,
    columns: dataset.columns.map((column) => ({ ...column, values: cut(column.values) })),
  };
}

const words = [
  'alpha',
  'beta',
  'gamma',
  'delta',
  'epsilon',
  'zeta',
  'eta',
  'theta',
  'iota',
  'kappa',
  '',
  'lambda',
];

export function interopDatasets(): Dataset[] {
  const random = seededRandom(20240601);
  const integer = (low: number, high: number) => low + Math.floor(random() * (high - low));
  const range = (length: number) => Array.from({ length }, (_, index) => index);
  const mixedCycle = [1, 2.5, 'x', true, null, Number.NaN, [1, 2], { k: 1 }, -7, 'y', 0.125, false];
  return [
    {
      name: 'ints-arrow',
      mode: 'arrow',
      columns: [
        {
          name: 'a',
          type: 'int64',
          values: [4, 2, 3, 5, ...range(600).map(() => integer(-1_000_000, 1_000_000))],
        },
        { name: 'small', type: 'int32', values: range(300).map(() => integer(-5, 6)) },
      ],
    },
    {
      name: 'ints-records',
      mode: 'records',
      records: range(700).map((index) => ({ id: index, bucket: index % 13, signed: integer(-100, 100) })),
    },
    {
      name: 'floats-arrow',
      mode: 'arrow',
      columns: [
        { name: 'x', type: 'float64', values: range(900).map(() => (random() - 0.3) * 1000) },
        { name: 'single', type: 'float32', values: range(200).map(() => Math.fround(random() * 10)) },
      ],
    },
    {
      name: 'strings-records',
      mode: 'records',
      records: range(800).map((index) => ({
        word: words[Math.floor(random() ** 2 * words.length)],
        code: `c${index % 97}`,
      })),
    },
    {
      name: 'booleans',
      mode: 'arrow',
      columns: [
        { name: 'flag', type: 'bool', values: range(2500).map(() => random() < 0.7) },
        { name: 'allFalse', type: 'bool', values: range(2500).map(() => false) },
      ],
    },
    {
      name: 'nulls-arrow',
      mode: 'arrow',
      columns: [
        {
          name: 'intWithNulls',
          type: 'int64',
          values: range(400).map((index) => (index % 7 === 0 ? null : integer(0, 50))),
        },
        {
          name: 'textWithNulls',
          type: 'utf8',
          values: range(400).map((index) => (index % 5 === 0 ? null : `t${index % 9}`)),
        },
        {
          name: 'boolWithNulls',
          type: 'bool',
          values: range(400).map((index) => (index % 6 === 0 ? null : index % 4 === 0)),
        },
        {
          name: 'floatWithNulls',
          type: 'float64',
          values: range(400).map((index) => (index % 3 === 0 ? null : index / 8)),
        },
      ],
    },
    {
      name: 'null-type-and-signed-zeros-arrow',
      mode: 'arrow',
      columns: [
        { name: 'nothing', type: 'null', values: range(300).map(() => null) },
        {
          name: 'zeros',
          type: 'float64',
          values: range(300).map(
            (index) =>
              [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1, -1, -0, 0, 0][
                index % 12
              ],
          ),
        },
      ],
    },
    {
      name: 'signed-zeros-records',
      mode: 'records',
      records: [
        0,
        -0,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        Number.NEGATIVE_INFINITY,
        -0,
        0,
        1.5,
        -1,
        -0,
        0,
        0,
      ].map((value) => ({ value })),
    },
    {
      name: 'nan-inf-records',
      mode: 'records',
      records: range(500).map((index) => {
        const specials = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, null, undefined];
        const record: Record<string, unknown> = {
          value: index % 11 < specials.length ? specials[index % 11] : index * 1.5 + 0.25,
          text: index % 4 === 0 ? Number.NaN : index % 9 === 0 ? Number.POSITIVE_INFINITY : `s${index % 17}`,
        };
        if (record.value === undefined) delete record.value;
        return record;
      }),
    },
    {
      name: 'mixed-records',
      mode: 'records',
      records: range(600).map((index) => ({
        mixed: mixedCycle[(index * 7) % mixedCycle.length],
        numbersAndText: index % 3 === 0 ? `n${index}` : index,
        intsAndFloats: index % 2 === 0 ? index : index + 0.5,
      })),
    },
    {
      name: 'empty-records',
      mode: 'records',
      records: range(50).map((index) => {
        const record: Record<string, unknown> = { allNone: null, value: index };
        if (index === 3) record.nanOrMissing = Number.NaN;
        return record;
      }),
    },
    {
      name: 'empty-arrow',
      mode: 'arrow',
      columns: [
        { name: 'i', type: 'int64', values: [] },
        { name: 'f', type: 'float64', values: [] },
        { name: 's', type: 'utf8', values: [] },
      ],
    },
    {
      name: 'unicode-records',
      mode: 'records',
      records: range(400).map((index) => ({
        café: ['naïve', '日本語', 'Ελληνικά', 'עברית', 'e\u0301', '😀', ''][index % 7],
        '😀': `${'🚀'.repeat(index % 3)}${'x'.repeat(120 + (index % 20))}${'🦄'.repeat(index % 5)}`,
        Ａ: index % 2 === 0 ? '𝔘𝔫𝔦𝔠𝔬𝔡𝔢' : 'ascii',
      })),
    },
    {
      name: 'large-arrow',
      mode: 'arrow',
      columns: [
        { name: 'id', type: 'int64', values: range(150_000).map(() => integer(0, 1_000_000_000)) },
        { name: 'measure', type: 'float64', values: range(150_000).map(() => random() * random() * 1e4) },
        {
          name: 'category',
          type: 'utf8',
          values: range(150_000).map(() => `cat-${Math.floor(random() ** 3 * 5000)}`),
        },
      ],
    },
    {
      name: 'large-records',
      mode: 'records',
      records: range(120_000).map((index) => ({
        n: integer(0, 3000),
        label: index % 10 === 0 ? null : `l${integer(0, 2000)}`,
        ratio: random() < 0.01 ? null : random(),
      })),
    },
    {
      name: 'bigint-arrow',
      mode: 'arrow',
      columns: [
        {
          name: 'big',
          type: 'int64',
          values: range(300).map((index) =>
            index % 2 === 0 ? 2n ** 60n + BigInt(index) : -(2n ** 62n) - BigInt(index),
          ),
        },
      ],
    },
    {
      name: 'datetime-records',
      mode: 'records',
      records: range(200).map((index) => ({
        when: index % 10 === 0 ? null : new Date(1_700_000_000_000 + index * 3_600_000),
        k: index,
      })),
    },
  ];
}
