import { create } from '@bufbuild/protobuf';
import {
  BlobType_BlobDimensionality,
  type Literal,
  LiteralSchema,
  type LiteralType,
  LiteralTypeSchema,
  type Primitive,
  type Scalar,
  type SimpleType,
} from '../protobuf/flyteidl';
import { localPathOf } from '../storage/local-storage';
import { uriScheme } from '../storage/storage-adapter';

/** A literal holding one scalar. */
export function scalarLiteral(value: Scalar['value']): Literal {
  return create(LiteralSchema, { value: { case: 'scalar', value: { value } } });
}

/** A literal holding one primitive (integer, float, string, boolean, datetime, duration). */
export function primitiveLiteral(value: Primitive['value']): Literal {
  return scalarLiteral({ case: 'primitive', value: { value } as Primitive });
}

/**
 * A blob literal: `Literal{scalar{blob{uri, metadata{type{format, dimensionality}}}}}`. Local
 * `file://` URIs are written as plain paths: flytekit's FlyteFile reader checks
 * `os.path.isfile(uri)` for non-remote URIs, which fails on a `file://` URI.
 */
export function blobLiteral(uri: string, format: string, dimensionality: 'single' | 'multipart'): Literal {
  return scalarLiteral({
    case: 'blob',
    value: {
      uri: uriScheme(uri) === 'file' ? localPathOf(uri) : uri,
      metadata: {
        type: {
          format,
          dimensionality:
            dimensionality === 'single'
              ? BlobType_BlobDimensionality.SINGLE
              : BlobType_BlobDimensionality.MULTIPART,
        },
      },
    },
  } as Scalar['value']);
}

/** A simple literal type (INTEGER, STRING, STRUCT, …). */
export function simpleLiteralType(simple: SimpleType): LiteralType {
  return create(LiteralTypeSchema, { type: { case: 'simple', value: simple } });
}

/** A blob literal type with a format (`""` for any) and dimensionality. */
export function blobLiteralType(format: string, dimensionality: 'single' | 'multipart'): LiteralType {
  return create(LiteralTypeSchema, {
    type: {
      case: 'blob',
      value: {
        format,
        dimensionality:
          dimensionality === 'single'
            ? BlobType_BlobDimensionality.SINGLE
            : BlobType_BlobDimensionality.MULTIPART,
      },
    },
  });
}

/** A short description of what a literal holds, for error messages (`a string primitive`, `a blob`). */
export function describeLiteral(literal: Literal): string {
  switch (literal.value.case) {
    case 'scalar': {
      const scalar = literal.value.value.value;
      if (scalar.case === 'primitive') return `a ${scalar.value.value.case ?? 'empty'} primitive`;
      if (scalar.case === 'noneType') return 'none';
      return scalar.case === undefined ? 'an empty scalar' : `a ${scalar.case} scalar`;
    }
    case 'collection':
      return 'a collection';
    case 'map':
      return 'a map';
    case 'offloadedMetadata':
      return 'an offloaded literal';
    default:
      return 'an empty literal';
  }
}

/** The primitive inside a literal, if it holds one. */
export function primitiveOf(literal: Literal): Primitive['value'] | undefined {
  if (literal.value.case !== 'scalar') return undefined;
  const scalar = literal.value.value.value;
  return scalar.case === 'primitive' ? scalar.value.value : undefined;
}

/** The scalar inside a literal, if it holds one. */
export function scalarOf(literal: Literal): Scalar['value'] | undefined {
  return literal.value.case === 'scalar' ? literal.value.value.value : undefined;
}
