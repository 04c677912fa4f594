import { FEEDBACK_PREFIX_LENGTH } from '../numeric/feedback-prefix-length';
import { type ArrowData, ArrowTypeId, type ArrowVector } from './arrow-table-like';
import { classifyObjectValues, isTensorable } from './classify-object-values';
import { copySafeInt64 } from './copy-safe-int64';
import type { PreprocessedBatch } from './preprocess-record-values';
import { countInfinities, emptyPreprocessedColumn, type PreprocessedColumn } from './preprocessed-column';

/**
 * Splits an Arrow column the way whylogs splits the pandas Series that `pyarrow.Table.to_pandas()` would
 * produce: ints without nulls stay int64, ints with nulls become float64, bools with nulls and strings become
 * object, dictionaries become categoricals, timestamps datetime64, dates/binary/structs objects, and lists of
 * numbers tensors.
 */
export function preprocessArrowVector(vector: ArrowVector): PreprocessedBatch {
  const type = vector.type;
  const typeId = type.typeId;
  const length = vector.length;
  const nullCount = vector.nullCount;
  if (typeId === ArrowTypeId.Null) {
    // pyarrow's to_pandas gives an object column of None: every row is a null, none is an object.
    return { kind: 'object', column: classifyObjectValues(new Array<unknown>(length).fill(null)) };
  }
  if (typeId === ArrowTypeId.Int) {
    if (nullCount === 0) return { kind: 'int64', column: intColumn(vector) };
    return { kind: 'float64', column: floatColumn(vector) };
  }
  if (typeId === ArrowTypeId.Float) return { kind: 'float64', column: floatColumn(vector) };
  if (typeId === ArrowTypeId.Bool && nullCount === 0) {
    const column = emptyPreprocessedColumn(length);
    column.boolCount = length;
    for (const data of vector.data) {
      for (let index = 0; index < data.length; index++) if (readBool(data, index)) column.boolTrueCount++;
    }
    return { kind: 'bool', column };
  }
  if (typeId === ArrowTypeId.Bool) {
    // With nulls pandas makes an object column of True/False/None.
    const values = new Array<unknown>(length);
    for (let index = 0; index < length; index++) values[index] = vector.get(index);
    return { kind: 'object', column: classifyObjectValues(values) };
  }
  if (typeId === ArrowTypeId.Timestamp) {
    const column = emptyPreprocessedColumn(length);
    column.nullCount = nullCount;
    column.objectCount = length - nullCount;
    return { kind: 'datetime', column };
  }
  if (typeId === ArrowTypeId.Utf8 || typeId === ArrowTypeId.LargeUtf8 || typeId === ArrowTypeId.Utf8View) {
    return { kind: 'object', column: stringColumn(vector) };
  }
  if (typeId === ArrowTypeId.Dictionary) {
    // Categorical: pandas represents missing categories as NaN.
    const values = new Array<unknown>(length);
    for (let index = 0; index < length; index++) {
      const value = vector.get(index);
      values[index] = value === null ? undefined : value;
    }
    return { kind: 'object', column: classifyObjectValues(values) };
  }
  if (typeId === ArrowTypeId.Decimal) {
    const values = new Array<unknown>(length);
    for (let index = 0; index < length; index++)
      values[index] = vector.isValid(index) ? decimalToNumber(vector, index) : null;
    const column = classifyObjectValues(values);
    // `Decimal` is float-like for whylogs even when integral, so move any int back to floats.
    if (column.ints && column.ints.length > 0 && column.floats) {
      const merged = new Float64Array(column.floats.length + column.ints.length);
      let next = 0;
      for (let index = 0; index < length; index++)
        if (values[index] !== null) merged[next++] = values[index] as number;
      column.floats = merged;
      column.ints = new Float64Array(0);
    }
    return { kind: 'object', column };
  }
  const values = new Array<unknown>(length);
  const isList =
    typeId === ArrowTypeId.List || typeId === ArrowTypeId.FixedSizeList || typeId === ArrowTypeId.LargeList;
  for (let index = 0; index < length; index++) {
    if (!vector.isValid(index)) values[index] = null;
    else if (isList) {
      const item = vector.get(index) as ArrowVector | null;
      const array = item
        ? Array.from(item.toArray() as ArrayLike<unknown>, (x) => (x === null ? undefined : x))
        : [];
      values[index] = isTensorable(array) ? array : OPAQUE;
    } else values[index] = OPAQUE;
  }
  return { kind: 'object', column: classifyObjectValues(values) };
}

/** Stands for a non-null value whylogs counts as an object (dates, binary, structs, maps, …). */
const OPAQUE = Object.freeze({});

function readBool(data: ArrowData, index: number): boolean {
  const position = data.offset + index;
  return (data.values[position >> 3]! & (1 << (position & 7))) !== 0;
}

function intColumn(vector: ArrowVector): PreprocessedColumn {
  const column = emptyPreprocessedColumn(vector.length);
  const type = vector.type;
  if (type.bitWidth === 64) {
    const ints = new Float64Array(vector.length);
    const signed = type.isSigned === true;
    let next = 0;
    for (const data of vector.data) {
      const words = new Int32Array(data.values.buffer, data.values.byteOffset, data.length * 2);
      // In two calls (FEEDBACK_PREFIX_LENGTH); the second carries on where the first stopped.
      const split = Math.min(data.length, FEEDBACK_PREFIX_LENGTH);
      let converted = copySafeInt64(words, split, signed, ints, next);
      if (converted === split && split < data.length) {
        const rest = data.length - split;
        converted = split + copySafeInt64(words.subarray(2 * split), rest, signed, ints, next + split);
      }
      if (converted < data.length) {
        column.ints = bigIntValues(vector);
        return column;
      }
      next += converted;
    }
    column.ints = ints;
    return column;
  }
  const ints = new Float64Array(vector.length);
  let next = 0;
  for (const data of vector.data) {
    const values = data.values as ArrayLike<number>;
    for (let index = 0; index < data.length; index++) ints[next++] = values[index]!;
  }
  column.ints = ints;
  return column;
}

/** An int64 column beyond 2^53 as int64 values (numpy's astype(int) wraps uint64 beyond 2^63, as this does). */
function bigIntValues(vector: ArrowVector): BigInt64Array {
  const ints = new BigInt64Array(vector.length);
  let next = 0;
  for (const data of vector.data) {
    ints.set(new BigInt64Array(data.values.buffer, data.values.byteOffset, data.length), next);
    next += data.length;
  }
  return ints;
}

function floatColumn(vector: ArrowVector): PreprocessedColumn {
  const column = emptyPreprocessedColumn(vector.length);
  const type = vector.type;
  const floats = new Float64Array(vector.length);
  let next = 0;
  const isHalf = type.typeId === ArrowTypeId.Float && type.precision === 0;
  const isBigInt = type.typeId === ArrowTypeId.Int && type.bitWidth === 64;
  for (const data of vector.data) {
    const values = data.values as ArrayLike<number>;
    const hasNulls = data.nullCount > 0;
    if (!hasNulls && values instanceof Float64Array) {
      // The usual float64 chunk: a loop of its own that only ever sees Float64Arrays, where the general one
      // below reads `values` of every Arrow float and int width (a polymorphic element load per value).
      next = appendNonNaN(values, data.length, floats, next);
      continue;
    }
    for (let index = 0; index < data.length; index++) {
      if (hasNulls && !data.getValid(index)) continue;
      let value: number;
      if (isHalf || isBigInt) value = readSlow(data, index);
      else value = values[index]!;
      if (Number.isNaN(value)) continue;
      floats[next++] = value;
    }
  }
  // In pandas both Arrow nulls and NaN values become NaN, which whylogs counts as null and as nan.
  column.nullCount = vector.length - next;
  column.nanCount = column.nullCount;
  // No NaN or null dropped (the usual case): keep the array instead of copying it.
  column.floats = next === floats.length ? floats : floats.slice(0, next);
  column.infCount = countInfinities(column.floats);
  return column;
}

/** Copies `source[0, length)` without its NaNs to `target` from `next`; returns the new end. */
function appendNonNaN(source: Float64Array, length: number, target: Float64Array, next: number): number {
  for (let index = 0; index < length; index++) {
    const value = source[index]!;
    if (!Number.isNaN(value)) target[next++] = value;
  }
  return next;
}

function readSlow(data: ArrowData, index: number): number {
  if (data.type.typeId === ArrowTypeId.Float) return halfToNumber((data.values as Uint16Array)[index]!);
  return Number((data.values as unknown as BigInt64Array | BigUint64Array)[index]!);
}

/** IEEE-754 binary16 to double (exact). */
function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 31) return fraction ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

function stringColumn(vector: ArrowVector): PreprocessedColumn {
  const column = emptyPreprocessedColumn(vector.length);
  const strings: string[] = [];
  for (let index = 0; index < vector.length; index++) {
    const value = vector.get(index) as string | null;
    if (value === null) column.nullCount++;
    else strings.push(value);
  }
  if (strings.length === 0) return column;
  column.strings = strings;
  column.floats = new Float64Array(0);
  column.ints = new Float64Array(0);
  return column;
}

/** `float(Decimal)`: the decimal text parsed as a double (correctly rounded, as Python does). */
function decimalToNumber(vector: ArrowVector, index: number): number {
  const scale = vector.type.scale ?? 0;
  const words = vector.get(index) as Uint32Array;
  let value = 0n;
  for (let word = words.length - 1; word >= 0; word--) value = (value << 32n) | BigInt(words[word]!);
  value = BigInt.asIntN(words.length * 32, value);
  const negative = value < 0n;
  const digits = (negative ? -value : value).toString().padStart(scale + 1, '0');
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits;
  return Number.parseFloat((negative ? '-' : '') + text);
}
