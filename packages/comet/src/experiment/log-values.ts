import { InvalidOptionError } from '@tasklens/core';
import type { CometEvent } from './comet-event';

type ParameterValue = number | string | boolean | null;
type ParameterEventValue = Extract<CometEvent, { kind: 'parameter' }>['value'];

/** A step or epoch: a finite number, else an `InvalidOptionError` naming it. */
export function checkNumber(option: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidOptionError({
      option,
      message: `${option}: must be a finite number, got ${String(value)}`,
    });
  }
  return value;
}

/** Nested objects as `a.b` names; a value that refers to itself is an `InvalidOptionError`. */
export function* flatten(
  values: Readonly<Record<string, unknown>>,
  prefix = '',
  seen: Set<object> = new Set([values]),
): Generator<[string, unknown]> {
  for (const [key, value] of Object.entries(values)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (
      value !== null &&
      typeof value === 'object' &&
      !Array.isArray(value) &&
      !(value instanceof Uint8Array) &&
      !(value instanceof Date)
    ) {
      if (seen.has(value)) {
        throw new InvalidOptionError({
          option: name,
          message: `${name}: the value refers to itself and cannot be logged`,
        });
      }
      seen.add(value);
      yield* flatten(value as Record<string, unknown>, name, seen);
      seen.delete(value);
    } else {
      yield [name, value];
    }
  }
}

/** A value as Comet's parameter/other schema holds it (the SDK's conversions). */
export function parameterValue(value: unknown, scalarOnly = false): ParameterEventValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? String(value) : value.toISOString();
  if (typeof value === 'function' || typeof value === 'symbol') return String(value);
  if (Array.isArray(value) && !scalarOnly)
    return value.map((item) => parameterValue(item, true) as ParameterValue);
  // Like the SDK, anything else is stored as its JSON text; a value JSON cannot hold is a string.
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
