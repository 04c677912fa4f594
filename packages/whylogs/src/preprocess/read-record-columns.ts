import { profileError } from '../wire/profile-error';

/**
 * The columns of an array of records after one pass over it: the keys in first-appearance order (pandas'
 * column order) and, for each column whose every record holds a number under its key, those numbers.
 */
export interface RecordColumns {
  names: string[];
  /** `numbers[i]`: column i's values when all are numbers, else null (the caller reads such columns itself). */
  numbers: (Float64Array | null)[];
  /** `safeIntegers[i]`: whether `numbers[i]` holds safe integers only (an int64 column for pandas). */
  safeIntegers: boolean[];
}

/** What a column holds so far, from the narrowest kind to the widest; a column only ever widens. */
const SAFE_INTEGERS = 0;
const NUMBERS = 1;
const OTHER = 2;

/**
 * Reads every record once, copying number values into one Float64Array per column. Records that share their
 * keys and key order (the usual case) go through `readUniformRows`, a small loop V8 optimizes once and keeps:
 * `record[key]` with the key of a `for…in` is a fast by-index load, where reading column by column with a
 * variable name was a megamorphic keyed load per value. Any other record goes through `readRow`.
 */
export function readRecordColumns(records: readonly Record<string, unknown>[], field: string): RecordColumns {
  const reader: ColumnReader = {
    rows: records.length,
    names: [],
    positions: new Map(),
    numbers: [],
    kinds: [],
  };
  // The first record names the columns, so the loop below never sees an empty (differently shaped) `names`.
  if (records.length > 0) readRow(records[0], 0, reader, field);
  let row = 1;
  while (row < records.length) {
    row = readUniformRows(
      records,
      row,
      records.length,
      reader.names,
      reader.names.length,
      reader.numbers,
      reader.kinds,
    );
    if (row < records.length) readRow(records[row], row, reader, field);
    row++;
  }
  const { names, kinds } = reader;
  const numbers = reader.numbers.map((values, position) => (kinds[position] === OTHER ? null : values));
  return { names, numbers, safeIntegers: kinds.map((kind) => kind === SAFE_INTEGERS) };
}

interface ColumnReader {
  rows: number;
  names: string[];
  positions: Map<string, number>;
  numbers: Float64Array[];
  /** Per column: SAFE_INTEGERS, NUMBERS, or OTHER once a record lacks the key or holds a non-number there. */
  kinds: number[];
}

/**
 * Reads records from `start` up to `end` while each is an object whose keys are exactly `names` (`width` of them)
 * in that order; returns the first row that is not (or `end`). A row it gives up on is read again in full by `readRow`.
 */
function readUniformRows(
  records: readonly Record<string, unknown>[],
  start: number,
  end: number,
  names: readonly string[],
  width: number,
  numbers: readonly Float64Array[],
  kinds: number[],
): number {
  // `end` and `width` come in as arguments, not as `records.length` / `names.length` read here: in a fresh process
  // the first call runs without a feedback vector until the loop exhausts its budget, so a property read before
  // or after the loop never got type feedback, and the compiled function deoptimized there on a later chunk (one
  // more OSR compile and one more full compile, each charged to the process's CPU).
  for (let row = start; row < end; row++) {
    const record = records[row];
    if (typeof record !== 'object' || record === null || Array.isArray(record)) return row;
    let position = 0;
    for (const key in record) {
      if (position === width || names[position] !== key) return row;
      const value = record[key];
      // The safe-integer test here saves the int64 column a pass of its own.
      if (typeof value === 'number') {
        numbers[position]![row] = value;
        if (!Number.isSafeInteger(value) && kinds[position] === SAFE_INTEGERS) kinds[position] = NUMBERS;
      } else kinds[position] = OTHER;
      position++;
    }
    if (position !== width) return row;
  }
  return end;
}

/** One record of any shape: new keys become columns, and a column the record lacks is not all numbers. */
function readRow(record: unknown, row: number, reader: ColumnReader, field: string): void {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw profileError(`${field}[${row}]`, 'each record must be a plain object');
  }
  const { names, positions, numbers, kinds } = reader;
  const present = new Uint8Array(names.length);
  for (const key in record) {
    let position = positions.get(key);
    if (position === undefined) {
      position = names.length;
      positions.set(key, position);
      names.push(key);
      numbers.push(new Float64Array(reader.rows));
      // Earlier records lack the key.
      kinds.push(row > 0 ? OTHER : SAFE_INTEGERS);
    } else present[position] = 1;
    const value = (record as Record<string, unknown>)[key];
    if (typeof value === 'number') {
      numbers[position]![row] = value;
      if (!Number.isSafeInteger(value) && kinds[position] === SAFE_INTEGERS) kinds[position] = NUMBERS;
    } else kinds[position] = OTHER;
  }
  for (let position = 0; position < present.length; position++)
    if (present[position] === 0) kinds[position] = OTHER;
}
