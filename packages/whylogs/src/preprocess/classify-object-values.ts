import { countInfinities, emptyPreprocessedColumn, type PreprocessedColumn } from './preprocessed-column';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** True for values pandas treats as NaN (`undefined` stands for a missing record key, which pandas fills with NaN). */
export function isNanLike(value: unknown): boolean {
  return value === undefined || (typeof value === 'number' && Number.isNaN(value));
}

/** A bigint that fits int64 (pandas keeps larger Python ints as objects). */
export function isInt64(value: bigint): boolean {
  return value >= INT64_MIN && value <= INT64_MAX;
}

/** `np.asarray(value)` is non-empty in every dimension and numeric: rectangular nested arrays of numbers. */
export function isTensorable(value: unknown): boolean {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView))
    return (value as unknown as ArrayLike<unknown>).length > 0;
  if (!Array.isArray(value)) return false;
  let sawNumber = false;
  const shapeOf = (item: unknown, depth: number, shape: number[]): boolean => {
    if (Array.isArray(item)) {
      if (item.length === 0) return false;
      if (shape.length === depth) shape.push(item.length);
      else if (shape[depth] !== item.length) return false;
      for (const child of item) if (!shapeOf(child, depth + 1, shape)) return false;
      return true;
    }
    if (shape.length !== depth) return false;
    if (typeof item === 'number' || typeof item === 'bigint') {
      sawNumber = true;
      return true;
    }
    return typeof item === 'boolean';
  };
  // Leaves must all sit at the same depth; numpy makes bool-only arrays non-numeric.
  const shape: number[] = [];
  if (!shapeOf(value, 0, shape)) return false;
  return sawNumber;
}

/**
 * Splits an object-dtype column value by value, as `_pandas_split` does for object/bool/category columns:
 * `null` is None (null only), `undefined` and NaN are pandas NaN (null and nan), numbers that are safe
 * integers are ints (JS cannot tell `1` from `1.0`), other numbers are floats, booleans are counted as bools,
 * strings are strings, numeric rectangular arrays are tensors and everything else is an object.
 */
export function classifyObjectValues(values: ArrayLike<unknown>): PreprocessedColumn {
  const column = emptyPreprocessedColumn(values.length);
  const floats: number[] = [];
  const ints: (number | bigint)[] = [];
  const strings: string[] = [];
  let unsafeInts = false;
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value === null) {
      column.nullCount++;
    } else if (isNanLike(value)) {
      column.nullCount++;
      column.nanCount++;
    } else if (typeof value === 'string') {
      strings.push(value);
    } else if (typeof value === 'number') {
      if (Number.isSafeInteger(value)) ints.push(value);
      else floats.push(value);
    } else if (typeof value === 'boolean') {
      column.boolCount++;
      if (value) column.boolTrueCount++;
    } else if (typeof value === 'bigint') {
      if (!isInt64(value)) column.objectCount++;
      else {
        if (!Number.isSafeInteger(Number(value))) unsafeInts = true;
        ints.push(value);
      }
    } else if (isTensorable(value)) {
      column.tensorCount++;
    } else {
      column.objectCount++;
    }
  }
  const nonNull = values.length - column.nullCount;
  // pandas returns before building arrays when every value is null.
  if (nonNull === 0) return column;
  column.floats = Float64Array.from(floats);
  column.infCount = countInfinities(column.floats);
  column.ints = toIntArray(ints, unsafeInts);
  column.strings = strings;
  return column;
}

/** Packs ints as doubles when all are safe, else as int64. */
export function toIntArray(
  ints: readonly (number | bigint)[],
  unsafe: boolean,
): Float64Array | BigInt64Array {
  if (!unsafe) {
    const array = new Float64Array(ints.length);
    for (let index = 0; index < ints.length; index++) array[index] = Number(ints[index]);
    return array;
  }
  const array = new BigInt64Array(ints.length);
  for (let index = 0; index < ints.length; index++) array[index] = BigInt(ints[index]!);
  return array;
}
