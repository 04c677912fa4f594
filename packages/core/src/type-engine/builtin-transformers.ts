import { create } from '@bufbuild/protobuf';
import { TaskInputError } from '../errors/task-input-error';
import { type Literal, LiteralSchema, LiteralTypeSchema, SimpleType } from '../protobuf/flyteidl';
import { packedLiteralAt, packedPrimitivesOf } from '../protobuf/packed-collection';
import type { ListTypeDescriptor, MapTypeDescriptor } from '../types/collection-types';
import type { EnumTypeDescriptor } from '../types/enum-type';
import type { TypeDescriptor } from '../types/type-descriptor';
import { blobTransformers } from './blob-transformers';
import { jsonTransformer } from './json-transformer';
import {
  primitiveLiteral,
  primitiveOf,
  scalarLiteral,
  scalarOf,
  simpleLiteralType,
} from './literal-builders';
import { literalMismatch } from './literal-mismatch';
import type { LiteralContext, LiteralTransformer } from './literal-transformer';
import type { NestedConversion } from './nested-conversion';
import { createStructTransformer } from './struct-transformer';
import { datetimeTransformer, durationTransformer, preciseDurationTransformer } from './time-transformers';
import { createUnionTransformer } from './union-transformer';

function primitiveTransformer<T>(
  unionTag: string,
  simple: SimpleType,
  encode: (value: T) => Literal,
  decode: (primitive: NonNullable<ReturnType<typeof primitiveOf>>, context: LiteralContext) => T | undefined,
): LiteralTransformer<T> {
  return {
    unionTag,
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
      message: `${context.path}: integer ${value} is outside the safe JavaScript integer range; declare the input as types.int64() to receive it as a bigint`,
    });
  }
  return Number(value);
}

const integer = primitiveTransformer<number>(
  'int',
  SimpleType.INTEGER,
  (value) => primitiveLiteral({ case: 'integer', value: BigInt(value) }),
  (primitive, context) =>
    primitive.case === 'integer' ? integerFromBigint(primitive.value, context) : undefined,
);

// flytekit accepts an integer literal for a float input (Flyte's compiler allows int → float edges).
const int64 = primitiveTransformer<bigint>(
  'int',
  SimpleType.INTEGER,
  (value) => primitiveLiteral({ case: 'integer', value }),
  (primitive) => (primitive.case === 'integer' ? primitive.value : undefined),
);

const float = primitiveTransformer<number>(
  'float',
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
  'str',
  SimpleType.STRING,
  (value) => primitiveLiteral({ case: 'stringValue', value }),
  (primitive) => (primitive.case === 'stringValue' ? primitive.value : undefined),
);

const boolean = primitiveTransformer<boolean>(
  'bool',
  SimpleType.BOOLEAN,
  (value) => primitiveLiteral({ case: 'boolean', value }),
  (primitive) => (primitive.case === 'boolean' ? primitive.value : undefined),
);

const none: LiteralTransformer<null> = {
  unionTag: 'none',
  literalType: () => simpleLiteralType(SimpleType.NONE),
  toLiteral: async () => scalarLiteral({ case: 'noneType', value: {} } as never),
  async fromLiteral(literal, descriptor, context) {
    if (scalarOf(literal)?.case !== 'noneType') literalMismatch(context, descriptor, literal);
    return null;
  },
};

// Enums travel as string primitives; the literal type lists the values (Python `enum.Enum`).
const enumeration: LiteralTransformer<string> = {
  unionTag: 'DefaultEnumTransformer',
  literalType: (descriptor) =>
    create(LiteralTypeSchema, {
      type: { case: 'enumType', value: { values: [...(descriptor as EnumTypeDescriptor<string[]>).values] } },
    }),
  toLiteral: async (value) => primitiveLiteral({ case: 'stringValue', value }),
  async fromLiteral(literal, descriptor, context) {
    const primitive = primitiveOf(literal);
    if (primitive?.case !== 'stringValue') literalMismatch(context, descriptor, literal);
    return primitive.value;
  },
};

/** Transformers of lists and maps, converting their items through the engine. */
function createCollectionTransformers(engine: NestedConversion) {
  const { literalTypeOf, toLiteral, fromLiteral } = engine;
  const list: LiteralTransformer<unknown[]> = {
    unionTag: 'Typed List',
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
      const packed = packedPrimitivesOf(literal.value.value);
      if (packed !== undefined) {
        // One element message at a time (a huge list never exists as a message tree).
        const values: unknown[] = new Array(packed.values.length);
        for (let index = 0; index < values.length; index++) {
          values[index] = await fromLiteral(packedLiteralAt(packed, index), items, {
            ...context,
            path: `${context.path}[${index}]`,
          });
        }
        return values;
      }
      return Promise.all(
        literal.value.value.literals.map((item, index) =>
          fromLiteral(item, items, { ...context, path: `${context.path}[${index}]` }),
        ),
      );
    },
  };

  const map: LiteralTransformer<Record<string, unknown>> = {
    unionTag: 'Typed Dict',
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

  return { list, map };
}

/**
 * Transformers of the built-in descriptor kinds (`types.*`). Container kinds convert their items
 * with `engine` (the type engine passes itself; nothing here imports the engine).
 */
export function createBuiltinTransformers(
  engine: NestedConversion,
  transformerFor: (descriptor: TypeDescriptor<any>) => LiteralTransformer,
): Readonly<Record<string, LiteralTransformer>> {
  return Object.freeze({
    integer,
    int64,
    float,
    string,
    boolean,
    datetime: datetimeTransformer,
    duration: durationTransformer,
    'precise-duration': preciseDurationTransformer,
    none,
    enum: enumeration,
    ...createCollectionTransformers(engine),
    union: createUnionTransformer(engine, transformerFor),
    struct: createStructTransformer(engine),
    json: jsonTransformer,
    ...blobTransformers,
  });
}
