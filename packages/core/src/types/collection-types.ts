import { typeMismatch } from './primitive-types';
import type { InferType, TypeDescriptor } from './type-descriptor';

export interface ListTypeDescriptor<Item extends TypeDescriptor<any>>
  extends TypeDescriptor<InferType<Item>[]> {
  readonly kind: 'list';
  readonly items: Item;
}

export interface MapTypeDescriptor<Value extends TypeDescriptor<any>>
  extends TypeDescriptor<Record<string, InferType<Value>>> {
  readonly kind: 'map';
  readonly values: Value;
}

/** A Flyte collection: an array whose every item has the item type. */
export function list<Item extends TypeDescriptor<any>>(items: Item): ListTypeDescriptor<Item> {
  return {
    kind: 'list',
    items,
    typeName: `list<${items.typeName}>`,
    validate(value, path) {
      if (!Array.isArray(value)) typeMismatch(path, `a list of ${items.typeName}`, value);
      return value.map((item, index) => items.validate(item, `${path}[${index}]`));
    },
  };
}

/** A Flyte map: string keys to values of one type. */
export function map<Value extends TypeDescriptor<any>>(values: Value): MapTypeDescriptor<Value> {
  return {
    kind: 'map',
    values,
    typeName: `map<string, ${values.typeName}>`,
    validate(value, path) {
      if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date) {
        typeMismatch(path, `a map of ${values.typeName}`, value);
      }
      const result: Record<string, InferType<Value>> = {};
      for (const [key, item] of Object.entries(value)) result[key] = values.validate(item, `${path}.${key}`);
      return result;
    },
  };
}

/** A JSON-like value; integers beyond ±2^53 (from Python) are `bigint`s. */
export type JsonValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

function checkJson(value: unknown, path: string): void {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return;
  if (typeof value === 'bigint') {
    if (value < -(2n ** 63n) || value >= 2n ** 64n) typeMismatch(path, 'an integer within 64 bits', value);
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) typeMismatch(path, 'a finite JSON number', value);
    return;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) checkJson(item, `${path}[${index}]`);
    return;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) checkJson(item, `${path}.${key}`);
    return;
  }
  typeMismatch(path, 'a JSON value', value);
}

/**
 * An untyped JSON object (Python `dict`), stored as flytekit 1.16 stores it: a msgpack `Binary`
 * literal of type STRUCT. Ints stay ints and floats stay floats on the way back to Python.
 */
export function json(): TypeDescriptor<{ [key: string]: JsonValue }> {
  return {
    kind: 'json',
    typeName: 'JSON object',
    validate(value, path) {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        typeMismatch(path, 'a JSON object', value);
      checkJson(value, path);
      return value as { [key: string]: JsonValue };
    },
  };
}
