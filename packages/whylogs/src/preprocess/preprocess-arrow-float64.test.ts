import { Float64, makeVector, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import type { ArrowVector } from './arrow-table-like';
import { preprocessArrowVector } from './preprocess-arrow-vector';

function columnOf(vector: unknown) {
  return preprocessArrowVector(vector as ArrowVector).column;
}

describe('Arrow float64 columns', () => {
  it('drops NaNs (counted as null and as nan) from null-free chunks, chunk after chunk', () => {
    const first = makeVector(Float64Array.from([0.5, Number.NaN, -0, Number.POSITIVE_INFINITY]));
    const second = makeVector(Float64Array.from([Number.NaN, 2.25, Number.NEGATIVE_INFINITY, 7]));
    const vector = first.concat(second);
    expect(vector.data).toHaveLength(2);
    const column = columnOf(vector);
    expect(Array.from(column.floats!)).toEqual([
      0.5,
      -0,
      Number.POSITIVE_INFINITY,
      2.25,
      Number.NEGATIVE_INFINITY,
      7,
    ]);
    expect(Object.is(column.floats![1], -0)).toBe(true);
    expect(column.nullCount).toBe(2);
    expect(column.nanCount).toBe(2);
    expect(column.infCount).toBe(2);
  });

  it('drops nulls and NaNs alike from a chunk with nulls', () => {
    const column = columnOf(vectorFromArray([1.5, null, Number.NaN, 3], new Float64()));
    expect(Array.from(column.floats!)).toEqual([1.5, 3]);
    expect(column.nullCount).toBe(2);
    expect(column.nanCount).toBe(2);
  });
});
