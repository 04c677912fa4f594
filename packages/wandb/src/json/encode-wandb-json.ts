import { InvalidOptionError } from '@tasklens/core';

/**
 * Encodes a value as W&B JSON: standard JSON plus the bare tokens `NaN`, `Infinity` and
 * `-Infinity`, which the W&B SDK writes for non-finite floats (and the service accepts). Throws
 * `InvalidOptionError` naming `path` for values that cannot be logged: functions, symbols,
 * undefined at the top level, circular structures and class instances we cannot represent.
 */
export function encodeWandbJson(value: unknown, path: string): string {
  // Fast path for the common case (scalars in a metrics row): no cycle-tracking set needed.
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return String(value);
    return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
  }
  if (typeof value === 'string') return JSON.stringify(value);
  return encode(value, path, new Set());
}

function encode(value: unknown, path: string, seen: Set<object>): string {
  switch (typeof value) {
    case 'number':
      if (Number.isFinite(value)) return JSON.stringify(value);
      return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      // JSON has no integers beyond 2^53; W&B's Python SDK keeps big ints exact, so keep the digits.
      return value.toString();
    case 'object':
      return encodeObject(value, path, seen);
    default:
      throw new InvalidOptionError({
        option: path,
        message: `${path}: a ${typeof value} cannot be logged to W&B (use numbers, strings, booleans, null, arrays or plain objects)`,
      });
  }
}

function encodeObject(value: object | null, path: string, seen: Set<object>): string {
  if (value === null) return 'null';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw new InvalidOptionError({
        option: path,
        message: `${path}: an invalid Date cannot be logged to W&B`,
      });
    }
    return JSON.stringify(value.toISOString());
  }
  const toJson = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof toJson === 'function') return encode(toJson.call(value), path, seen);
  if (seen.has(value)) {
    throw new InvalidOptionError({
      option: path,
      message: `${path}: circular structures cannot be logged to W&B`,
    });
  }
  seen.add(value);
  try {
    if (Array.isArray(value) || ArrayBuffer.isView(value)) {
      const items = Array.from(value as ArrayLike<unknown>, (item, index) =>
        item === undefined ? 'null' : encode(item, `${path}[${index}]`, seen),
      );
      return `[${items.join(',')}]`;
    }
    const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
    const prototype = Object.getPrototypeOf(value);
    if (!(value instanceof Map) && prototype !== Object.prototype && prototype !== null) {
      throw new InvalidOptionError({
        option: path,
        message: `${path}: a ${prototype?.constructor?.name ?? 'class'} instance cannot be logged to W&B (give it a toJSON() or log a plain object)`,
      });
    }
    const parts: string[] = [];
    for (const [key, item] of entries) {
      if (item === undefined) continue;
      parts.push(`${JSON.stringify(String(key))}:${encode(item, `${path}.${String(key)}`, seen)}`);
    }
    return `{${parts.join(',')}}`;
  } finally {
    seen.delete(value);
  }
}
