import { compareCodePoints } from '../wire/dataset-profile-header';
import { profileError } from '../wire/profile-error';
import { type ArrowTableLike, type ArrowVector, isArrowTableLike } from './arrow-table-like';
import {
  applyDeclaredType,
  type ColumnType,
  type DatasetSchema,
  preprocessDeclaredValues,
} from './dataset-schema';
import { preprocessArrowVector } from './preprocess-arrow-vector';
import {
  type PreprocessedBatch,
  preprocessNumberValues,
  preprocessRecordValues,
} from './preprocess-record-values';

/**
 * What `log()` and `DatasetProfile.track()` accept: an Apache Arrow `Table` or `RecordBatch` (from any
 * apache-arrow copy or major the user has; it is an optional peer dependency), or plain records.
 */
export type ProfileInput = ArrowTableLike | readonly Record<string, unknown>[];

/** One input column: its name, row count and a function that splits it (called once, then dropped). */
export interface InputColumn {
  name: string;
  rows: number;
  preprocess: () => PreprocessedBatch;
}

/**
 * Lists the input's columns in pandas column order (Arrow schema order; for records, first appearance of
 * each key), each with a lazy preprocessor so only one column's arrays are alive at a time.
 */
export function splitColumns(data: ProfileInput, field = 'data', schema?: DatasetSchema): InputColumn[] {
  const declared = schema?.types ?? {};
  if (isArrowTableLike(data)) {
    return data.schema.fields.map((arrowField, index) => ({
      name: arrowField.name,
      rows: data.numRows,
      preprocess: () => {
        const batch = preprocessArrowVector(data.getChildAt(index) as ArrowVector);
        const type = Object.hasOwn(declared, arrowField.name) ? declared[arrowField.name] : undefined;
        return type === undefined ? batch : applyDeclaredType(batch, type, `${field}.${arrowField.name}`);
      },
    }));
  }
  if (!Array.isArray(data)) {
    throw profileError(field, 'expected an Apache Arrow Table or RecordBatch, or an array of plain records');
  }
  const names = new Set<string>();
  // Records usually share their keys in the same order: `previous[i] === key` (same interned string) skips the
  // Set lookup. Every key in `previous` has been added to `names`, so first-appearance order is kept.
  const previous: string[] = [];
  for (let row = 0; row < data.length; row++) {
    const record = data[row];
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw profileError(`${field}[${row}]`, 'each record must be a plain object');
    }
    let position = 0;
    for (const key in record) {
      if (previous[position] !== key) {
        names.add(key);
        previous[position] = key;
      }
      position++;
    }
  }
  const records = data as readonly Record<string, unknown>[];
  return [...names].map((name) => ({
    name,
    rows: data.length,
    preprocess: () => preprocessRecordColumn(records, name, declared, field),
  }));
}

/**
 * One column of an array of records. Module-level rather than a closure per chunk and column: V8 keeps the
 * optimized code of a function across calls, while a fresh closure's long loop is compiled again on the stack.
 */
function preprocessRecordColumn(
  records: readonly Record<string, unknown>[],
  name: string,
  declared: Readonly<Record<string, ColumnType>>,
  field: string,
): PreprocessedBatch {
  const type = Object.hasOwn(declared, name) ? declared[name] : undefined;
  if (type !== undefined) {
    return preprocessDeclaredValues(columnValues(records, name), type, `${field}.${name}`);
  }
  // All-number columns (the common case) go straight into a Float64Array: no boxed intermediate array.
  const numbers = new Float64Array(records.length);
  if (readNumbers(records, name, numbers) === records.length) return preprocessNumberValues(numbers);
  return preprocessRecordValues(columnValues(records, name));
}

/** Copies `records[i][name]` into `numbers` while it is a number; returns the first row where it is not. */
function readNumbers(
  records: readonly Record<string, unknown>[],
  name: string,
  numbers: Float64Array,
): number {
  for (let row = 0; row < records.length; row++) {
    const value = records[row]![name];
    if (typeof value !== 'number') return row;
    numbers[row] = value;
  }
  return records.length;
}

function columnValues(records: readonly Record<string, unknown>[], name: string): unknown[] {
  const values = new Array<unknown>(records.length);
  for (let index = 0; index < records.length; index++) values[index] = records[index]![name];
  return values;
}

/** Sorted column names, for callers that need whylogs' output order. */
export function sortedNames(columns: readonly InputColumn[]): string[] {
  return columns.map((column) => column.name).sort(compareCodePoints);
}
