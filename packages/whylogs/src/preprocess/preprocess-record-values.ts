import { classifyObjectValues, isInt64, isNanLike } from './classify-object-values';
import {
  countInfinities,
  emptyPreprocessedColumn,
  type PandasKind,
  type PreprocessedColumn,
} from './preprocessed-column';

export interface PreprocessedBatch {
  kind: PandasKind;
  column: PreprocessedColumn;
}

/**
 * Infers the dtype `pd.DataFrame(records)` would give one column and splits it like whylogs does.
 * `null` is None, `undefined` (a missing key) is NaN. Rules, from pandas' object inference:
 * only None → object; only None/NaN with some NaN → float64; safe integers / int64 bigints without nulls →
 * int64; numbers with nulls or non-integers → float64; booleans without nulls → bool; Dates (with nulls) →
 * datetime64; anything else → object, classified value by value.
 */
export function preprocessRecordValues(values: ArrayLike<unknown>): PreprocessedBatch {
  const length = values.length;
  let noneCount = 0;
  let nanCount = 0;
  let intCount = 0;
  let floatCount = 0;
  let boolCount = 0;
  let dateCount = 0;
  let unsafeBigint = false;
  for (let index = 0; index < length; index++) {
    const value = values[index];
    if (value === null) noneCount++;
    else if (typeof value === 'number') {
      if (Number.isSafeInteger(value)) intCount++;
      else if (Number.isNaN(value)) nanCount++;
      else floatCount++;
    } else if (value === undefined) nanCount++;
    else if (typeof value === 'boolean') boolCount++;
    else if (typeof value === 'bigint') {
      if (!isInt64(value)) break;
      if (!Number.isSafeInteger(Number(value))) unsafeBigint = true;
      intCount++;
    } else if (value instanceof Date) dateCount++;
    else break;
  }
  const nullCount = noneCount + nanCount;
  const nonNull = length - nullCount;
  const classified = intCount + floatCount + boolCount + dateCount;
  if (classified !== nonNull) return { kind: 'object', column: classifyObjectValues(values) };

  if (nonNull === 0) {
    if (length > 0 && nanCount === 0) return { kind: 'object', column: classifyObjectValues(values) };
    const column = emptyPreprocessedColumn(length);
    column.nullCount = nullCount;
    column.nanCount = nullCount;
    column.floats = new Float64Array(0);
    return { kind: 'float64', column };
  }
  if (intCount + floatCount === nonNull) {
    if (floatCount === 0 && nullCount === 0)
      return { kind: 'int64', column: intColumn(values, unsafeBigint) };
    return { kind: 'float64', column: floatColumn(values, nullCount) };
  }
  if (boolCount === nonNull && nullCount === 0) {
    const column = emptyPreprocessedColumn(length);
    for (let index = 0; index < length; index++) if (values[index] === true) column.boolTrueCount++;
    column.boolCount = length;
    return { kind: 'bool', column };
  }
  if (dateCount === nonNull) {
    // datetime64: NaT counts as null only; every Timestamp is an object for whylogs.
    const column = emptyPreprocessedColumn(length);
    column.nullCount = nullCount;
    column.objectCount = dateCount;
    return { kind: 'datetime', column };
  }
  return { kind: 'object', column: classifyObjectValues(values) };
}

/**
 * `preprocessRecordValues` for a column whose values are all JS numbers, already in a Float64Array: the same
 * pandas inference (safe integers without NaN → int64, else float64 with NaN as null and nan). `safeIntegers`:
 * the caller knows every value is a safe integer.
 */
export function preprocessNumberValues(numbers: Float64Array, safeIntegers = false): PreprocessedBatch {
  if (safeIntegers && numbers.length > 0) {
    // The caller checked every value already.
    const column = emptyPreprocessedColumn(numbers.length);
    column.ints = numbers;
    return { kind: 'int64', column };
  }
  let nanCount = 0;
  let floatCount = 0;
  for (let index = 0; index < numbers.length; index++) {
    const value = numbers[index]!;
    if (Number.isSafeInteger(value)) continue;
    if (Number.isNaN(value)) nanCount++;
    else floatCount++;
  }
  if (nanCount === numbers.length) {
    // Only NaN (or nothing): the all-null float64 column.
    if (numbers.length === 0) return preprocessRecordValues([]);
    const column = emptyPreprocessedColumn(numbers.length);
    column.nullCount = nanCount;
    column.nanCount = nanCount;
    column.floats = new Float64Array(0);
    return { kind: 'float64', column };
  }
  const column = emptyPreprocessedColumn(numbers.length);
  if (floatCount === 0 && nanCount === 0) {
    column.ints = numbers;
    return { kind: 'int64', column };
  }
  let floats = numbers;
  if (nanCount > 0) {
    floats = new Float64Array(numbers.length - nanCount);
    let next = 0;
    for (let index = 0; index < numbers.length; index++) {
      const value = numbers[index]!;
      if (!Number.isNaN(value)) floats[next++] = value;
    }
  }
  // A float64 column holds NaN for every null, so pandas counts each as both null and nan.
  column.nullCount = nanCount;
  column.nanCount = nanCount;
  column.floats = floats;
  column.infCount = countInfinities(floats);
  return { kind: 'float64', column };
}

function intColumn(values: ArrayLike<unknown>, unsafe: boolean): PreprocessedColumn {
  const column = emptyPreprocessedColumn(values.length);
  if (unsafe) {
    const ints = new BigInt64Array(values.length);
    for (let index = 0; index < values.length; index++)
      ints[index] = BigInt(values[index] as number | bigint);
    column.ints = ints;
  } else {
    const ints = new Float64Array(values.length);
    for (let index = 0; index < values.length; index++)
      ints[index] = Number(values[index] as number | bigint);
    column.ints = ints;
  }
  return column;
}

function floatColumn(values: ArrayLike<unknown>, nullCount: number): PreprocessedColumn {
  const column = emptyPreprocessedColumn(values.length);
  const floats = new Float64Array(values.length - nullCount);
  let next = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value === null || isNanLike(value)) continue;
    floats[next++] = Number(value as number | bigint);
  }
  // A float64 column holds NaN for every null, so pandas counts each as both null and nan.
  column.nullCount = nullCount;
  column.nanCount = nullCount;
  column.floats = floats;
  column.infCount = countInfinities(floats);
  return column;
}
