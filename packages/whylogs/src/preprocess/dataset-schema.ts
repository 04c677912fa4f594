import { profileError } from '../wire/profile-error';
import { classifyObjectValues, isInt64, isNanLike } from './classify-object-values';
import type { PreprocessedBatch } from './preprocess-record-values';
import { countInfinities, emptyPreprocessedColumn } from './preprocessed-column';

/**
 * A declared column dtype, as `df.astype({column: dtype})` would give it before whylogs profiles the frame:
 * `'float64'` (numbers, with null/undefined/NaN as NaN), `'int64'` (safe integers or int64 bigints, no
 * nulls), `'bool'` (booleans, no nulls) or `'object'` (every value classified on its own).
 */
export type ColumnType = 'int64' | 'float64' | 'bool' | 'object';

/**
 * Declared types per column, like whylogs' `DatasetSchema(types=…)`: applied before counting, so a records
 * column of whole numbers declared `'float64'` counts as fractional (as a pandas float64 column does) instead
 * of being inferred as int64. Columns not listed are inferred as `pd.DataFrame(records)` would.
 */
export interface DatasetSchema {
  readonly types: Readonly<Record<string, ColumnType>>;
}

const COLUMN_TYPES: readonly ColumnType[] = ['int64', 'float64', 'bool', 'object'];

/** The schema with every declared type checked; a typed error naming `options.schema.types.<column>` otherwise. */
export function checkDatasetSchema(
  schema: DatasetSchema | undefined,
  field: string,
): DatasetSchema | undefined {
  if (schema === undefined) return undefined;
  if (
    typeof schema !== 'object' ||
    schema === null ||
    typeof schema.types !== 'object' ||
    schema.types === null
  ) {
    throw profileError(field, 'must be { types: { [column]: dtype } }');
  }
  for (const [column, type] of Object.entries(schema.types)) {
    if (!COLUMN_TYPES.includes(type)) {
      throw profileError(
        `${field}.types.${column}`,
        `must be one of ${COLUMN_TYPES.map((name) => `'${name}'`).join(', ')}, got ${String(type)}`,
      );
    }
  }
  return schema;
}

/** Splits a records column as a column of the declared dtype; values that cannot have it are a typed error. */
export function preprocessDeclaredValues(
  values: ArrayLike<unknown>,
  type: ColumnType,
  field: string,
): PreprocessedBatch {
  if (type === 'object') return { kind: 'object', column: classifyObjectValues(values) };
  const length = values.length;
  const column = emptyPreprocessedColumn(length);
  const refuse = (row: number, what: string): never => {
    throw profileError(field, `declared '${type}', but row ${row} holds ${what}`);
  };
  if (type === 'float64') {
    const floats = new Float64Array(length);
    let next = 0;
    for (let row = 0; row < length; row++) {
      const value = values[row];
      if (value === null || isNanLike(value)) continue;
      if (typeof value === 'number') floats[next++] = value;
      else if (typeof value === 'bigint') floats[next++] = Number(value);
      else if (typeof value === 'boolean') floats[next++] = value ? 1 : 0;
      else refuse(row, `a ${typeof value}`);
    }
    // A float64 column holds NaN for every null, so pandas counts each as both null and nan.
    column.nullCount = length - next;
    column.nanCount = column.nullCount;
    column.floats = next === length ? floats : floats.slice(0, next);
    column.infCount = countInfinities(column.floats);
    return { kind: 'float64', column };
  }
  if (type === 'int64') {
    let unsafe = false;
    for (let row = 0; row < length; row++) {
      const value = values[row];
      if (typeof value === 'number' && Number.isSafeInteger(value)) continue;
      if (typeof value === 'bigint' && isInt64(value)) {
        if (!Number.isSafeInteger(Number(value))) unsafe = true;
        continue;
      }
      refuse(row, value === null || value === undefined ? 'a null (int64 has none)' : String(value));
    }
    if (unsafe)
      column.ints = BigInt64Array.from(Array.from(values, (value) => BigInt(value as number | bigint)));
    else column.ints = Float64Array.from(Array.from(values, (value) => Number(value as number | bigint)));
    return { kind: 'int64', column };
  }
  for (let row = 0; row < length; row++) {
    const value = values[row];
    if (typeof value !== 'boolean')
      refuse(row, value === null || value === undefined ? 'a null' : String(value));
    else if (value) column.boolTrueCount++;
  }
  column.boolCount = length;
  return { kind: 'bool', column };
}

/**
 * An Arrow column's batch under a declared type: Arrow already fixes the dtype, so the only conversion is
 * int64 → float64 (`astype('float64')`); any other mismatch is a typed error (declare it in the Arrow schema).
 */
export function applyDeclaredType(
  batch: PreprocessedBatch,
  type: ColumnType,
  field: string,
): PreprocessedBatch {
  if (batch.kind === type) return batch;
  if (type === 'float64' && batch.kind === 'int64') {
    const ints = batch.column.ints!;
    const column = emptyPreprocessedColumn(batch.column.length);
    column.floats = Float64Array.from(ints as ArrayLike<number | bigint>, Number);
    column.infCount = 0;
    return { kind: 'float64', column };
  }
  throw profileError(
    field,
    `declared '${type}', but this Arrow column reads as ${batch.kind}: cast it in Arrow`,
  );
}
