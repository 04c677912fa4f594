import { create } from '@bufbuild/protobuf';
import {
  type Literal,
  type LiteralCollection,
  LiteralCollectionSchema,
  LiteralSchema,
  type Primitive,
} from './flyteidl';

/** The primitive kinds a packed collection holds, as flyteidl `Primitive` cases. */
export type PackedKind = 'integer' | 'floatValue' | 'stringValue' | 'boolean';

/**
 * The elements of a `LiteralCollection` whose every element is a bare primitive scalar of one kind,
 * held in one typed array instead of one protobuf message tree per element (a 1,000,000-integer
 * list: 8 MB instead of ~1 GB).
 */
export type PackedPrimitives =
  | { readonly kind: 'integer'; readonly values: BigInt64Array }
  | { readonly kind: 'floatValue'; readonly values: Float64Array }
  | { readonly kind: 'stringValue'; readonly values: readonly string[] }
  | { readonly kind: 'boolean'; readonly values: Uint8Array };

const packedKey = Symbol('tasklens.packedPrimitives');

type PackedCollection = LiteralCollection & { readonly [packedKey]?: PackedPrimitives };

/** The packed elements of a collection decoded by `decodeLiteralMapStreaming`, else undefined. */
export function packedPrimitivesOf(collection: LiteralCollection): PackedPrimitives | undefined {
  return (collection as PackedCollection)[packedKey];
}

function primitiveValue(packed: PackedPrimitives, index: number): Primitive['value'] {
  switch (packed.kind) {
    case 'integer':
      return { case: 'integer', value: packed.values[index]! };
    case 'floatValue':
      return { case: 'floatValue', value: packed.values[index]! };
    case 'stringValue':
      return { case: 'stringValue', value: packed.values[index]! };
    case 'boolean':
      return { case: 'boolean', value: packed.values[index] === 1 };
  }
}

/** Element `index` of a packed collection as the `Literal` protobuf would have decoded. */
export function packedLiteralAt(packed: PackedPrimitives, index: number): Literal {
  return create(LiteralSchema, {
    value: {
      case: 'scalar',
      value: { value: { case: 'primitive', value: { value: primitiveValue(packed, index) } } },
    },
  });
}

/**
 * A `LiteralCollection` over packed elements. Code that knows packing reads them one at a time
 * (`packedPrimitivesOf`); anything else reading `literals` gets every element as a protobuf message
 * (built once, on first access), so the collection behaves as a decoded one everywhere.
 */
export function packedCollection(packed: PackedPrimitives): LiteralCollection {
  const collection = create(LiteralCollectionSchema) as PackedCollection;
  let literals: Literal[] | undefined;
  Object.defineProperty(collection, 'literals', {
    enumerable: true,
    configurable: true,
    get: () => {
      literals ??= Array.from({ length: packed.values.length }, (_, index) => packedLiteralAt(packed, index));
      return literals;
    },
    set: (value: Literal[]) => {
      // Replaced elements: the packed ones no longer describe the collection.
      literals = value;
      delete (collection as { [packedKey]?: PackedPrimitives })[packedKey];
    },
  });
  Object.defineProperty(collection, packedKey, { value: packed, enumerable: false, configurable: true });
  return collection;
}
