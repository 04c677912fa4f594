import { compareCodePoints } from '../wire/dataset-profile-header';
import { profileError } from '../wire/profile-error';
import { type ArrowTableLike, type ArrowVector, isArrowTableLike } from './arrow-table-like';
import { applyDeclaredType, type DatasetSchema, preprocessDeclaredValues } from './dataset-schema';
import { preprocessArrowVector } from './preprocess-arrow-vector';
import {
  type PreprocessedBatch,
  preprocessNumberValues,
  preprocessRecordValues,
} from './preprocess-record-values';
import { readRecordColumns } from './read-record-columns';

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
  const records = data as readonly Record<string, unknown>[];
  const { names, numbers, safeIntegers } = readRecordColumns(records, field);
  return names.map((name, position) => ({
    name,
    rows: records.length,
    preprocess: () => {
      const type = Object.hasOwn(declared, name) ? declared[name] : undefined;
      const values = numbers[position];
      // Dropped once used: only the columns not yet profiled stay alive.
      numbers[position] = null;
      if (type !== undefined) {
        return preprocessDeclaredValues(columnValues(records, name), type, `${field}.${name}`);
      }
      // All-number columns (the common case) are already in a Float64Array: no boxed intermediate array.
      if (values) return preprocessNumberValues(values, safeIntegers[position]);
      return preprocessRecordValues(columnValues(records, name));
    },
  }));
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
