import { InvalidOptionError } from '@tasklens/core';
import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { ConstraintsBuilder } from '../constraints/constraints-builder';
import { columnIsNullableDatatype } from '../constraints/types-constraints';
import { DatasetProfile } from '../profile/dataset-profile';
import { toHex } from '../test-support/bytes';

// Whole-number floats, as a CSV or JSON source gives them: JS cannot tell 3.0 from 3.
const prices = [3, 5, 5, 8, 13, 21];
const records = prices.map((price, index) => ({ price, id: index }));

function profileOf(data: Parameters<DatasetProfile['track']>[0], schema?: { types: Record<string, never> }) {
  return new DatasetProfile({ creationTimestamp: 1, datasetTimestamp: 1, ...(schema ? { schema } : {}) })
    .track(data)
    .view();
}

describe('DatasetSchema: declared column types for records', () => {
  it('without a schema, whole-number floats from records are inferred as int64 (pd.DataFrame(records) does too)', () => {
    const summary = profileOf(records).getColumn('price')!.toSummaryDict();
    expect(summary['types/integral']).toBe(6);
    expect(summary['types/fractional']).toBe(0);
    expect(summary['ints/max']).toBe(21);
  });

  it("declared 'float64', they count as fractional with no ints metric, byte for byte like an Arrow float64 column", () => {
    const declared = new DatasetProfile({
      creationTimestamp: 1,
      datasetTimestamp: 1,
      schema: { types: { price: 'float64' } },
    })
      .track(records.map(({ price }) => ({ price })))
      .view();
    // Bytes first: a quantile query sorts KLL level 0 and sets its sorted flag, as the fork does.
    const arrow = profileOf(tableFromArrays({ price: Float64Array.from(prices) }));
    expect(toHex(declared.serialize())).toBe(toHex(arrow.serialize()));
    const summary = declared.getColumn('price')!.toSummaryDict();
    expect(summary['types/fractional']).toBe(6);
    expect(summary['types/integral']).toBe(0);
    expect('ints/max' in summary).toBe(false);
    // The undeclared column keeps its inferred dtype.
    const both = new DatasetProfile({ schema: { types: { price: 'float64' } } }).track(records).view();
    expect(both.getColumn('id')!.toSummaryDict()['types/integral']).toBe(6);
  });

  it('makes "is nullable fractional" hold on such a column, as it does on the pandas float64 profile', () => {
    const constraint = () => columnIsNullableDatatype('price', 'fractional');
    const inferred = profileOf(records);
    const declared = new DatasetProfile({ schema: { types: { price: 'float64' } } }).track(records).view();
    expect(new ConstraintsBuilder(inferred).addConstraint(constraint()).build().validate()).toBe(false);
    expect(new ConstraintsBuilder(declared).addConstraint(constraint()).build().validate()).toBe(true);
  });

  it("treats null, undefined and NaN as NaN in a 'float64' column (null and nan counts), and bigints as numbers", () => {
    const summary = new DatasetProfile({ schema: { types: { x: 'float64' } } })
      .track([{ x: 1 }, { x: null }, {}, { x: Number.NaN }, { x: 2n }, { x: Number.POSITIVE_INFINITY }])
      .view()
      .getColumn('x')!
      .toSummaryDict();
    expect(summary['counts/n']).toBe(6);
    expect(summary['counts/null']).toBe(3);
    expect(summary['counts/nan']).toBe(3);
    expect(summary['counts/inf']).toBe(1);
    expect(summary['types/fractional']).toBe(3);
  });

  it("applies 'int64', 'bool' and 'object' too, and casts an Arrow int column declared 'float64'", () => {
    const view = new DatasetProfile({
      schema: { types: { n: 'int64', flag: 'bool', label: 'object', arrowInt: 'float64' } },
    })
      .track([
        { n: 1, flag: true, label: 7 },
        { n: 2, flag: false, label: 'seven' },
      ])
      .view();
    expect(view.getColumn('n')!.toSummaryDict()['types/integral']).toBe(2);
    expect(view.getColumn('flag')!.toSummaryDict()['types/boolean']).toBe(2);
    const label = view.getColumn('label')!.toSummaryDict();
    expect([label['types/integral'], label['types/string']]).toEqual([1, 1]);
    const arrow = new DatasetProfile({ schema: { types: { arrowInt: 'float64' } } })
      .track(tableFromArrays({ arrowInt: Int32Array.from([1, 2, 3]) }))
      .view()
      .getColumn('arrowInt')!
      .toSummaryDict();
    expect(arrow['types/fractional']).toBe(3);
  });

  it('refuses values the declared type cannot hold, and unknown types, with typed errors naming the field', () => {
    const track = (types: Record<string, string>, data: Record<string, unknown>[]) => () =>
      new DatasetProfile({ schema: { types } as never }).track(data);
    expect(track({ x: 'float64' }, [{ x: 'a' }])).toThrow(InvalidOptionError);
    expect(track({ x: 'float64' }, [{ x: 'a' }])).toThrow(/data\.x.*row 0 holds a string/);
    expect(track({ x: 'int64' }, [{ x: 1 }, { x: null }])).toThrow(/data\.x.*row 1/);
    expect(track({ x: 'int64' }, [{ x: 1.5 }])).toThrow(/data\.x/);
    expect(track({ x: 'bool' }, [{ x: 1 }])).toThrow(/data\.x/);
    expect(() => new DatasetProfile({ schema: { types: { x: 'float' } } as never })).toThrow(
      /options\.schema\.types\.x/,
    );
    expect(() =>
      new DatasetProfile({ schema: { types: { s: 'int64' } } }).track(tableFromArrays({ s: ['a'] })),
    ).toThrow(/data\.s.*cast it in Arrow/);
  });
});
