import { create, type JsonObject } from '@bufbuild/protobuf';
import { DurationSchema, TimestampSchema } from '@bufbuild/protobuf/wkt';
import { TaskInputError } from '../errors/task-input-error';
import { type Literal, LiteralSchema, LiteralTypeSchema, SimpleType } from '../protobuf/flyteidl';
import type { JsonValue, ListTypeDescriptor, MapTypeDescriptor } from '../types/collection-types';
import type { TypeDescriptor } from '../types/type-descriptor';
import { blobTransformers } from './blob-transformers';
import {
  describeLiteral,
  primitiveLiteral,
  primitiveOf,
  scalarLiteral,
  scalarOf,
  simpleLiteralType,
} from './literal-builders';
import type { LiteralContext, LiteralTransformer } from './literal-transformer';
import { decodeMessagePack } from './msgpack-decode';
import { fromLiteral, literalTypeOf, toLiteral } from './type-engine';

/** The standard "expected X, got Y" conversion error. */
export function literalMismatch(
  context: LiteralContext,
  descriptor: TypeDescriptor<any>,
  literal: Literal,
): never {
  throw new TaskInputError({
    path: context.path,
    message: `${context.path}: expected a ${descriptor.typeName} literal, got ${describeLiteral(literal)}`,
  });
}

function primitiveTransformer<T>(
  simple: SimpleType,
  encode: (value: T) => Literal,
  decode: (primitive: NonNullable<ReturnType<typeof primitiveOf>>, context: LiteralContext) => T | undefined,
): LiteralTransformer<T> {
  return {
    literalType: () => simpleLiteralType(simple),
    toLiteral: async (value) => encode(value),
    async fromLiteral(literal, descriptor, context) {
      const primitive = primitiveOf(literal);
      const value = primitive === undefined ? undefined : decode(primitive, context);
      if (value === undefined) literalMismatch(context, descriptor, literal);
      return value;
    },
  };
}

function integerFromBigint(value: bigint, context: LiteralContext): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new TaskInputError({
      path: context.path,
      message: `${context.path}: integer ${value} is outside the safe JavaScript integer range`,
    });
  }
  return Number(value);
}

const integer = primitiveTransformer<number>(
  SimpleType.INTEGER,
  (value) => primitiveLiteral({ case: 'integer', value: BigInt(value) }),
  (primitive, context) =>
    primitive.case === 'integer' ? integerFromBigint(primitive.value, context) : undefined,
);

// flytekit accepts an integer literal for a float input (Flyte's compiler allows int → float edges).
const float = primitiveTransformer<number>(
  SimpleType.FLOAT,
  (value) => primitiveLiteral({ case: 'floatValue', value }),
  (primitive) =>
    primitive.case === 'floatValue'
      ? primitive.value
      : primitive.case === 'integer'
        ? Number(primitive.value)
        : undefined,
);

const string = primitiveTransformer<string>(
  SimpleType.STRING,
  (value) => primitiveLiteral({ case: 'stringValue', value }),
  (primitive) => (primitive.case === 'stringValue' ? primitive.value : undefined),
);

const boolean = primitiveTransformer<boolean>(
  SimpleType.BOOLEAN,
  (value) => primitiveLiteral({ case: 'boolean', value }),
  (primitive) => (primitive.case === 'boolean' ? primitive.value : undefined),
);

// A Date holds milliseconds; sub-millisecond nanos of an incoming Timestamp are dropped.
const datetime = primitiveTransformer<Date>(
  SimpleType.DATETIME,
  (value) => {
    const milliseconds = value.getTime();
    const seconds = Math.floor(milliseconds / 1000);
    return primitiveLiteral({
      case: 'datetime',
      value: create(TimestampSchema, {
        seconds: BigInt(seconds),
        nanos: (milliseconds - seconds * 1000) * 1_000_000,
      }),
    });
  },
  (primitive) =>
    primitive.case === 'datetime'
      ? new Date(Number(primitive.value.seconds) * 1000 + Math.floor(primitive.value.nanos / 1_000_000))
      : undefined,
);

// Durations are milliseconds (fractions allowed); seconds and nanos carry the same sign, as protobuf requires.
const duration = primitiveTransformer<number>(
  SimpleType.DURATION,
  (value) => {
    const seconds = Math.trunc(value / 1000);
    const nanos = Math.round((value - seconds * 1000) * 1_000_000);
    return primitiveLiteral({
      case: 'duration',
      value: create(DurationSchema, { seconds: BigInt(seconds), nanos }),
    });
  },
  (primitive) =>
    primitive.case === 'duration'
      ? Number(primitive.value.seconds) * 1000 + primitive.value.nanos / 1_000_000
      : undefined,
);

const none: LiteralTransformer<null> = {
  literalType: () => simpleLiteralType(SimpleType.NONE),
  toLiteral: async () => scalarLiteral({ case: 'noneType', value: {} } as never),
  async fromLiteral(literal, descriptor, context) {
    if (scalarOf(literal)?.case !== 'noneType') literalMismatch(context, descriptor, literal);
    return null;
  },
};

const list: LiteralTransformer<unknown[]> = {
  literalType: (descriptor) =>
    create(LiteralTypeSchema, {
      type: { case: 'collectionType', value: literalTypeOf((descriptor as ListTypeDescriptor<any>).items) },
    }),
  async toLiteral(value, descriptor, context) {
    const items = (descriptor as ListTypeDescriptor<any>).items;
    const literals = await Promise.all(
      value.map((item, index) => toLiteral(item, items, { ...context, path: `${context.path}[${index}]` })),
    );
    return create(LiteralSchema, { value: { case: 'collection', value: { literals } } });
  },
  async fromLiteral(literal, descriptor, context) {
    if (literal.value.case !== 'collection') literalMismatch(context, descriptor, literal);
    const items = (descriptor as ListTypeDescriptor<any>).items;
    return Promise.all(
      literal.value.value.literals.map((item, index) =>
        fromLiteral(item, items, { ...context, path: `${context.path}[${index}]` }),
      ),
    );
  },
};

const map: LiteralTransformer<Record<string, unknown>> = {
  literalType: (descriptor) =>
    create(LiteralTypeSchema, {
      type: { case: 'mapValueType', value: literalTypeOf((descriptor as MapTypeDescriptor<any>).values) },
    }),
  async toLiteral(value, descriptor, context) {
    const values = (descriptor as MapTypeDescriptor<any>).values;
    const literals: Record<string, Literal> = {};
    for (const [key, item] of Object.entries(value)) {
      literals[key] = await toLiteral(item, values, { ...context, path: `${context.path}.${key}` });
    }
    return create(LiteralSchema, { value: { case: 'map', value: { literals } } });
  },
  async fromLiteral(literal, descriptor, context) {
    if (literal.value.case !== 'map') literalMismatch(context, descriptor, literal);
    const values = (descriptor as MapTypeDescriptor<any>).values;
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(literal.value.value.literals)) {
      result[key] = await fromLiteral(item, values, { ...context, path: `${context.path}.${key}` });
    }
    return result;
  },
};

// Written as a protobuf Struct (`scalar.generic`); read from a Struct or from the msgpack Binary
// that flytekit ≥1.14 produces for `dict` (unless FLYTE_USE_OLD_DC_FORMAT is set).
const json: LiteralTransformer<{ [key: string]: JsonValue }> = {
  literalType: () => simpleLiteralType(SimpleType.STRUCT),
  toLiteral: async (value) => scalarLiteral({ case: 'generic', value: value as JsonObject }),
  async fromLiteral(literal, descriptor, context) {
    const scalar = scalarOf(literal);
    if (scalar?.case === 'generic') return scalar.value as { [key: string]: JsonValue };
    if (scalar?.case === 'binary') {
      if (scalar.value.tag !== 'msgpack') {
        throw new TaskInputError({
          path: context.path,
          message: `${context.path}: binary literal tagged ${JSON.stringify(scalar.value.tag)} is not supported (expected msgpack)`,
        });
      }
      try {
        return decodeMessagePack(scalar.value.value) as { [key: string]: JsonValue };
      } catch (error) {
        throw new TaskInputError({
          path: context.path,
          message: `${context.path}: cannot decode msgpack: ${(error as Error).message}`,
          cause: error,
        });
      }
    }
    literalMismatch(context, descriptor, literal);
  },
};

/** Transformers of the built-in descriptor kinds (`types.*`). */
export const builtinTransformers: Readonly<Record<string, LiteralTransformer>> = Object.freeze({
  integer,
  float,
  string,
  boolean,
  datetime,
  duration,
  none,
  list,
  map,
  json,
  ...blobTransformers,
});
