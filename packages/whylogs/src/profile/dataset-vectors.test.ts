import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { createAlternatingBits } from '../sketches';
import type { FrequentItem } from '../summary/column-summary';
import { fnv1a64, toHex } from '../test-support/bytes';
import { DatasetProfile } from './dataset-profile';

const SENTINEL_MAX = -9223372036854775807n;
const SENTINEL_MIN = 9223372036854775807n;

function profileColumn(values: unknown[], name = 'c') {
  const view = new DatasetProfile({ creationTimestamp: 1 })
    .track(values.map((value) => ({ [name]: value })))
    .view();
  return view.getColumn(name)!;
}

function items(value: unknown): [string, number][] {
  return (value as FrequentItem[]).map((item) => [item.value, item.est] as [string, number]).sort();
}

function sketchHex(column: ReturnType<typeof profileColumn>, path: string): string {
  const component = column.getComponent(path);
  if (component?.kind === 'kll') return toHex(component.sketch.serialize());
  if (component?.kind === 'hll') return toHex(component.sketch.serializeCompact());
  if (component?.kind === 'frequentItems') return toHex(component.sketch.serialize());
  throw new Error(`no sketch at ${path}`);
}

describe('spec §8.3 dataset vectors', () => {
  it('1: {"a": [4,2,3,5]} gives the §5 summary row', () => {
    const column = profileColumn([4, 2, 3, 5], 'a');
    const summary = column.toSummaryDict();
    expect(summary).toMatchObject({
      'cardinality/est': 4.0000000298023233,
      'cardinality/upper_1': 4.0001997468062838,
      'cardinality/lower_1': 4.0,
      'counts/n': 4,
      'counts/null': 0,
      'counts/nan': 0,
      'counts/inf': 0,
      'counts/true': 0,
      'distribution/mean': 3.5,
      'distribution/stddev': 1.2909944487358056,
      'distribution/n': 4,
      'distribution/max': 5.0,
      'distribution/min': 2.0,
      'distribution/q_01': 2.0,
      'distribution/q_05': 2.0,
      'distribution/q_10': 2.0,
      'distribution/q_25': 3.0,
      'distribution/median': 4.0,
      'distribution/q_75': 5.0,
      'distribution/q_90': 5.0,
      'distribution/q_95': 5.0,
      'distribution/q_99': 5.0,
      'ints/max': 5,
      'ints/min': 2,
      'types/integral': 4,
      'types/fractional': 0,
      'types/boolean': 0,
      'types/string': 0,
      'types/object': 0,
      'types/tensor': 0,
    });
    expect(items(summary['frequent_items/frequent_strings'])).toEqual([
      ['2', 1],
      ['3', 1],
      ['4', 1],
      ['5', 1],
    ]);
    expect(Object.keys(summary)).toHaveLength(31);
  });

  it('2: {"f": [1.0, 2.2, 0.1, 1.2]} is Fractional with no FI and no ints, spec bytes and moments', () => {
    const column = profileColumn([1.0, 2.2, 0.1, 1.2], 'f');
    // JS cannot tell 1.0 from 1: the column has non-integers, so it is float64 as in pandas.
    expect(column.metricNames).toEqual(['cardinality', 'counts', 'distribution', 'types']);
    expect(sketchHex(column, 'cardinality/hll')).toBe('0201070c030804000ba59d0f1168d50430241d07fc50e30d');
    expect(sketchHex(column, 'distribution/kll')).toBe(
      '06010f000004080004000000000000000004010000000000fc0300009a9999999999b93f9a99999999990140333333333333f33f9a9999999999b93f9a99999999990140000000000000f03f',
    );
    const summary = column.toSummaryDict();
    expect(summary['distribution/mean']).toBe(1.125);
    expect(column.getComponent('distribution/m2')).toMatchObject({ value: 2.2275000000000005 });
    expect(summary['distribution/median']).toBe(1.2);
    expect(summary['distribution/stddev']).toBe(0.8616843969807044);
    expect(summary['types/fractional']).toBe(4);
  });

  it('3: strings are a String column: empty KLL, zero moments, HLL and FI', () => {
    const column = profileColumn(['some', 'text', 'column', 'example'], 's');
    expect(sketchHex(column, 'distribution/kll')).toBe('02010f0100040800');
    expect(sketchHex(column, 'cardinality/hll')).toBe('0201070c0308040036a8a10b2f3e970cfa0c8e154fefb505');
    const summary = column.toSummaryDict();
    expect(summary['distribution/mean']).toBe(0);
    expect(summary['distribution/n']).toBe(0);
    expect(summary['distribution/median']).toBeNull();
    expect(summary['distribution/max']).toBeNaN();
    expect(summary['cardinality/est']).toBe(4.0000000298023233);
    expect(items(summary['frequent_items/frequent_strings'])).toEqual([
      ['column', 1],
      ['example', 1],
      ['some', 1],
      ['text', 1],
    ]);
    expect(summary['types/string']).toBe(4);
  });

  it('4: {"x": [1, 2, null]} is float64 (Fractional): null 1, nan 1, floats [1, 2], no ints', () => {
    const column = profileColumn([1, 2, null], 'x');
    const summary = column.toSummaryDict();
    expect(summary['counts/null']).toBe(1);
    expect(summary['counts/nan']).toBe(1);
    expect(summary['types/fractional']).toBe(2);
    expect(summary['types/integral']).toBe(0);
    expect(summary['ints/max']).toBeUndefined();
    expect(summary['distribution/mean']).toBe(1.5);
  });

  it('5: {"b": [true, false, true]} is Integral via the bool path', () => {
    const column = profileColumn([true, false, true], 'b');
    const summary = column.toSummaryDict();
    expect(summary['counts/true']).toBe(2);
    expect(summary['types/boolean']).toBe(3);
    expect(summary['types/integral']).toBe(0);
    expect(summary['distribution/n']).toBe(3);
    expect(summary['distribution/mean']).toBe(0.6666666666666667);
    expect(column.getComponent('distribution/m2')).toMatchObject({ value: 0.6666666666666667 });
    // KLL level 0 holds 1, 1, 0 in insertion order (stored reversed).
    const kll = column.getComponent('distribution/kll');
    if (kll?.kind !== 'kll') throw new Error('no kll');
    expect(kll.sketch.getQuantiles([0.01, 0.5, 0.99])).toEqual([0, 1, 1]);
    expect(summary['cardinality/est']).toBe(2.0000000049670539);
    expect(sketchHex(column, 'cardinality/hll')).toBe('0201070c030802002bf2fb06cbd7c204');
    expect(items(summary['frequent_items/frequent_strings'])).toEqual([
      ['False', 1],
      ['True', 2],
    ]);
    expect(column.getComponent('ints/max')).toMatchObject({ value: SENTINEL_MAX });
    expect(column.getComponent('ints/min')).toMatchObject({ value: SENTINEL_MIN });
  });

  it('6: {"b": [true, null, false]} is object → String metric set, null 1, bools 2/1', () => {
    const column = profileColumn([true, null, false], 'b');
    expect(column.metricNames).toEqual(['cardinality', 'counts', 'distribution', 'frequent_items', 'types']);
    const summary = column.toSummaryDict();
    expect(summary['counts/null']).toBe(1);
    expect(summary['counts/nan']).toBe(0);
    expect(summary['types/boolean']).toBe(2);
    expect(summary['counts/true']).toBe(1);
  });

  it('7: a mixed column is classified value by value as in the §3.1 table', () => {
    const column = profileColumn([1, 2.5, 'x', true, null, Number.NaN, [1, 2], { k: 1 }], 'm');
    const summary = column.toSummaryDict();
    expect(summary).toMatchObject({
      'counts/n': 8,
      'counts/null': 2,
      'counts/nan': 1,
      'counts/true': 1,
      'types/integral': 1,
      'types/fractional': 1,
      'types/string': 1,
      'types/boolean': 1,
      'types/tensor': 1,
      'types/object': 1,
    });
    const kll = column.getComponent('distribution/kll');
    if (kll?.kind !== 'kll') throw new Error('no kll');
    // KLL gets 2.5, then 1, then the bool 1; stored top-down so the items read 1, 1, 2.5.
    expect(toHex(kll.sketch.serialize()).slice(-48)).toBe('000000000000f03f000000000000f03f0000000000000440');
    expect(items(summary['frequent_items/frequent_strings'])).toEqual([
      ['1', 1],
      ['2.500000', 1],
      ['True', 1],
      ['x', 1],
    ]);
  });

  it('8: ints 1..100 and 0..999 give the spec quantiles and cardinalities', () => {
    const hundred = profileColumn(Array.from({ length: 100 }, (_, index) => index + 1)).toSummaryDict();
    expect(hundred['distribution/median']).toBe(51);
    expect(hundred['distribution/q_25']).toBe(26);
    expect(hundred['distribution/q_99']).toBe(100);
    expect(hundred['distribution/mean']).toBe(50.5);
    expect(hundred['distribution/stddev']).toBe(29.011491975882016);
    expect(hundred['cardinality/est']).toBe(100.00002458692298);
    const thousand = profileColumn(Array.from({ length: 1000 }, (_, index) => index)).toSummaryDict();
    expect(thousand['cardinality/est']).toBe(996.18130128098358);
    expect(thousand['cardinality/upper_1']).toBe(1009.2207686735409);
    expect(thousand['cardinality/lower_1']).toBe(983.45902649905815);
  });

  it('9: 5000 values with the deterministic bit source reproduce the §4.3 KLL sizes and quantiles', () => {
    const profile = new DatasetProfile({ creationTimestamp: 1, randomBit: createAlternatingBits() });
    profile.track(tableFromArrays({ v: Float64Array.from({ length: 5000 }, (_, index) => index + 1) }));
    const column = profile.view().getColumn('v')!;
    const kll = column.getComponent('distribution/kll');
    if (kll?.kind !== 'kll') throw new Error('no kll');
    const bytes = kll.sketch.serialize();
    expect(bytes.length).toBe(17108);
    // The spec's digest (eaa21906…) is not what the compiled fork produces; a7e635a5… is (see the sketch
    // tests in src/sketches/kll/kll-doubles-sketch.test.ts). Sizes and quantiles are the spec's.
    expect(fnv1a64(bytes)).toBe('a7e635a55de69255');
    const summary = column.toSummaryDict();
    expect(
      ['q_01', 'q_05', 'q_10', 'q_25', 'median', 'q_75', 'q_90', 'q_95', 'q_99'].map(
        (key) => summary[`distribution/${key}`],
      ),
    ).toEqual([54, 254, 506, 1254, 2502, 3752, 4501, 4751, 4951]);
  });

  it('9b: with real randomness n, min and max are exact and quantiles within rank error', () => {
    const values = Array.from({ length: 5000 }, (_, index) => index + 1);
    const summary = profileColumn(values).toSummaryDict();
    expect(summary['distribution/n']).toBe(5000);
    expect(summary['distribution/min']).toBe(1);
    expect(summary['distribution/max']).toBe(5000);
    expect(Math.abs((summary['distribution/median'] as number) / 5000 - 0.5)).toBeLessThan(0.01);
  });
});
