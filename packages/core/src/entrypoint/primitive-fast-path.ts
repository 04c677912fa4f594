import {
  decodePrimitiveLiteralMap,
  encodePrimitiveLiteralMap,
  type PlainPrimitive,
} from '../protobuf/primitive-literal-map';
import { findRegisteredTransformer } from '../type-engine/transformer-registry';
import type { TypeDescriptor, TypeRecord } from '../types/type-descriptor';

// `tasklens execute` of a task whose inputs and outputs are all plain integers, floats, strings or
// booleans converts them here, without the protobuf runtime and the type engine (issue #16: they
// are most of a fresh process's start). Each conversion mirrors the built-in transformer of its kind
// (`type-engine/builtin-transformers.ts`); whatever these functions do not handle exactly as the
// type engine does (a missing input, an unsafe integer, an invalid value, a custom transformer)
// returns `undefined`, and the executor takes the type engine's path, which gives the usual result
// or error. `primitive-fast-path.test.ts` compares both paths.

const plainKinds = new Set(['integer', 'int64', 'float', 'string', 'boolean']);

/** True when the built-in transformer of a plain kind converts this descriptor. */
function isPlain(descriptor: TypeDescriptor<any>): boolean {
  return (
    plainKinds.has(descriptor.kind) &&
    descriptor.literal === undefined &&
    findRegisteredTransformer(descriptor.kind) === undefined
  );
}

/** Every descriptor of a record is plain. */
export function allPlain(descriptors: TypeRecord): boolean {
  return Object.values(descriptors).every(isPlain);
}

// With the `u` flag a surrogate pair is one code point, so this matches unpaired halves only.
const loneSurrogate = /\p{Cs}/u;
const safeMinimum = BigInt(Number.MIN_SAFE_INTEGER);
const safeMaximum = BigInt(Number.MAX_SAFE_INTEGER);

/** The value the built-in transformer reads from a primitive, or `undefined` where it would throw. */
function plainValueOf(kind: string, primitive: PlainPrimitive): unknown {
  switch (kind) {
    case 'integer':
      if (primitive.case !== 'integer') return undefined;
      return primitive.value < safeMinimum || primitive.value > safeMaximum
        ? undefined
        : Number(primitive.value);
    case 'int64':
      return primitive.case === 'integer' ? primitive.value : undefined;
    case 'float':
      // flytekit accepts an integer literal for a float input, as the type engine does.
      if (primitive.case === 'floatValue') return primitive.value;
      return primitive.case === 'integer' ? Number(primitive.value) : undefined;
    case 'string':
      return primitive.case === 'stringValue' ? primitive.value : undefined;
    case 'boolean':
      return primitive.case === 'boolean' ? primitive.value : undefined;
    default:
      return undefined;
  }
}

/**
 * A task's inputs from inputs.pb when every declared input is plain and present as a bare plain
 * primitive of its kind (and nothing else is in the map); `undefined` otherwise.
 */
export function readPlainInputs(
  bytes: Uint8Array,
  descriptors: TypeRecord,
): Record<string, unknown> | undefined {
  if (!allPlain(descriptors)) return undefined;
  const primitives = decodePrimitiveLiteralMap(bytes);
  const names = Object.keys(descriptors);
  if (primitives === undefined || primitives.size !== names.length) return undefined;
  const values: Record<string, unknown> = {};
  for (const name of names) {
    const primitive = primitives.get(name);
    if (primitive === undefined) return undefined;
    const value = plainValueOf(descriptors[name]!.kind, primitive);
    if (value === undefined) return undefined;
    try {
      values[name] = descriptors[name]!.validate(value, `inputs.${name}`);
    } catch {
      return undefined;
    }
  }
  return values;
}

/** The primitive the built-in transformer writes for a validated value, or `undefined`. */
function primitiveOf(kind: string, value: unknown): PlainPrimitive | undefined {
  switch (kind) {
    case 'integer':
      return typeof value === 'number' ? { case: 'integer', value: BigInt(value) } : undefined;
    case 'int64':
      return typeof value === 'bigint' ? { case: 'integer', value } : undefined;
    case 'float':
      return typeof value === 'number' ? { case: 'floatValue', value } : undefined;
    case 'string':
      // A lone surrogate is left to protobuf-es, which decides how to encode or refuse it.
      return typeof value === 'string' && !loneSurrogate.test(value)
        ? { case: 'stringValue', value }
        : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? { case: 'boolean', value } : undefined;
    default:
      return undefined;
  }
}

/**
 * outputs.pb for a task's outputs when every declared output is plain and its value valid; the
 * same bytes as the type engine's literal map encoded by protobuf-es. `undefined` otherwise.
 */
export function writePlainOutputs(
  values: Record<string, unknown>,
  descriptors: TypeRecord,
): Uint8Array | undefined {
  if (!allPlain(descriptors)) return undefined;
  const entries: [string, PlainPrimitive][] = [];
  for (const [name, descriptor] of Object.entries(descriptors)) {
    let checked: unknown;
    try {
      checked = descriptor.validate(values[name], `outputs.${name}`);
    } catch {
      return undefined;
    }
    const primitive = primitiveOf(descriptor.kind, checked);
    if (primitive === undefined) return undefined;
    entries.push([name, primitive]);
  }
  return encodePrimitiveLiteralMap(entries);
}
