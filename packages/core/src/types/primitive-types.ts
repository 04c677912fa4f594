import { TaskInputError } from '../errors/task-input-error';
import { PreciseDate } from './precise-date';
import { PreciseDuration } from './precise-duration';
import type { TypeDescriptor } from './type-descriptor';

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return `bigint ${value}`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** Throws the standard "expected X, got Y" error for `path`. */
export function typeMismatch(path: string, typeName: string, value: unknown): never {
  throw new TaskInputError({ path, message: `${path} must be ${typeName}, got ${describeValue(value)}` });
}

/**
 * A 64-bit Flyte integer held as a safe JavaScript integer (±2^53 − 1); values beyond that are a
 * typed error naming the input. Declare `types.int64()` to get every int64 as a `bigint`.
 */
export function integer(): TypeDescriptor<number> {
  return {
    kind: 'integer',
    typeName: 'integer',
    validate(value, path) {
      if (
        typeof value === 'bigint' &&
        value >= BigInt(Number.MIN_SAFE_INTEGER) &&
        value <= BigInt(Number.MAX_SAFE_INTEGER)
      ) {
        return Number(value);
      }
      if (typeof value !== 'number' || !Number.isSafeInteger(value))
        typeMismatch(path, 'a safe integer (declare types.int64() for larger values)', value);
      return value;
    },
  };
}

const int64Minimum = -(2n ** 63n);
const int64Maximum = 2n ** 63n - 1n;

/** A 64-bit Flyte integer held as a `bigint` (the full −2^63 … 2^63 − 1 range); safe numbers are accepted. */
export function int64(): TypeDescriptor<bigint> {
  return {
    kind: 'int64',
    typeName: 'int64',
    validate(value, path) {
      if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
      if (typeof value !== 'bigint' || value < int64Minimum || value > int64Maximum)
        typeMismatch(path, 'a bigint within the int64 range', value);
      return value;
    },
  };
}

/** A 64-bit float; NaN and infinities are allowed, as in Flyte. */
export function float(): TypeDescriptor<number> {
  return {
    kind: 'float',
    typeName: 'float',
    validate(value, path) {
      if (typeof value !== 'number') typeMismatch(path, 'a number', value);
      return value;
    },
  };
}

export function string(): TypeDescriptor<string> {
  return {
    kind: 'string',
    typeName: 'string',
    validate(value, path) {
      if (typeof value !== 'string') typeMismatch(path, 'a string', value);
      return value;
    },
  };
}

export function boolean(): TypeDescriptor<boolean> {
  return {
    kind: 'boolean',
    typeName: 'boolean',
    validate(value, path) {
      if (typeof value !== 'boolean') typeMismatch(path, 'a boolean', value);
      return value;
    },
  };
}

/**
 * A point in time (Flyte `datetime`, a protobuf Timestamp). Any `Date` is accepted; values read
 * from a literal are `PreciseDate`s, which keep Python's microseconds through a round trip.
 */
export function datetime(): TypeDescriptor<Date> {
  return {
    kind: 'datetime',
    typeName: 'datetime',
    validate(value, path) {
      if (!(value instanceof Date) || Number.isNaN(value.getTime()))
        typeMismatch(path, 'a valid Date', value);
      return PreciseDate.from(value);
    },
  };
}

/** A duration in milliseconds (Flyte `duration`, a protobuf Duration). */
export function duration(): TypeDescriptor<number> {
  return {
    kind: 'duration',
    typeName: 'duration (milliseconds)',
    validate(value, path) {
      if (typeof value !== 'number' || !Number.isFinite(value))
        typeMismatch(path, 'a finite number of milliseconds', value);
      return value;
    },
  };
}

/**
 * A duration with nanosecond precision (Flyte `duration`) as a `PreciseDuration`; a number of
 * milliseconds is accepted. Use it where `types.duration()`'s millisecond number cannot hold a value.
 */
export function preciseDuration(): TypeDescriptor<PreciseDuration> {
  return {
    kind: 'precise-duration',
    typeName: 'precise duration',
    validate(value, path) {
      if (value instanceof PreciseDuration) return value;
      if (typeof value !== 'number' || !Number.isFinite(value))
        typeMismatch(path, 'a PreciseDuration or a finite number of milliseconds', value);
      return PreciseDuration.fromMilliseconds(value);
    },
  };
}

/** Flyte's `none` type; the only value is `null` (`undefined` is accepted and becomes `null`). */
export function none(): TypeDescriptor<null> {
  return {
    kind: 'none',
    typeName: 'none',
    validate(value, path) {
      if (value !== null && value !== undefined) typeMismatch(path, 'null', value);
      return null;
    },
  };
}
