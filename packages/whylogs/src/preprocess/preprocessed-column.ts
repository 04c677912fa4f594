/**
 * One batch of a column split the way whylogs' `PreprocessedColumn._pandas_split` splits a pandas Series:
 * null/NaN/inf/bool counters plus the values each metric consumes, in the order whylogs feeds them.
 */
export interface PreprocessedColumn {
  /** Rows in the batch, nulls included (`counts/n`). */
  length: number;
  nullCount: number;
  nanCount: number;
  infCount: number;
  boolCount: number;
  boolTrueCount: number;
  /** Non-null float values (±inf included). */
  floats: Float64Array | null;
  /** int64 values: safe integers as doubles, or a BigInt64Array when some value is beyond 2^53. */
  ints: Float64Array | BigInt64Array | null;
  strings: string[] | null;
  tensorCount: number;
  objectCount: number;
}

/** The pandas dtype a column would get, which decides its whylogs data type and default metrics. */
export type PandasKind = 'int64' | 'float64' | 'bool' | 'object' | 'datetime';

/** whylogs' `DataType` as chosen by `StandardTypeMapper` from the dtype. */
export type WhylogsDataType = 'integral' | 'fractional' | 'string' | 'any';

export function dataTypeOfKind(kind: PandasKind): WhylogsDataType {
  switch (kind) {
    case 'int64':
    case 'bool':
      return 'integral';
    case 'float64':
      return 'fractional';
    case 'object':
      return 'string';
    case 'datetime':
      return 'any';
  }
}

export function emptyPreprocessedColumn(length: number): PreprocessedColumn {
  return {
    length,
    nullCount: 0,
    nanCount: 0,
    infCount: 0,
    boolCount: 0,
    boolTrueCount: 0,
    floats: null,
    ints: null,
    strings: null,
    tensorCount: 0,
    objectCount: 0,
  };
}

/** Counts ±inf in a float array (pandas' `inf_mask`). */
export function countInfinities(floats: Float64Array): number {
  let count = 0;
  for (let index = 0; index < floats.length; index++) {
    const value = floats[index]!;
    if (value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY) count++;
  }
  return count;
}
