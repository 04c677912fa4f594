import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { TaskInputError } from '../errors/task-input-error';
import { type Literal, LiteralTypeSchema, SimpleType, TypeAnnotationSchema } from '../protobuf/flyteidl';
import type { JsonValue } from '../types/collection-types';
import { scalarLiteral, scalarOf } from './literal-builders';
import { literalMismatch } from './literal-mismatch';
import type { LiteralContext, LiteralTransformer } from './literal-transformer';
import { decodeMessagePack } from './msgpack-decode';
import { encodeMessagePack, MessagePackEncodeError } from './msgpack-encode';

type JsonObject = { [key: string]: JsonValue };

/** The literal type flytekit 1.16 declares for msgpack-stored values (`dict`, dataclasses). */
export function msgpackStructType(extra: MessageInitShape<typeof LiteralTypeSchema> = {}) {
  const type = create(LiteralTypeSchema, extra);
  type.type = { case: 'simple', value: SimpleType.STRUCT };
  type.annotation = create(TypeAnnotationSchema, {
    annotations: { 'cache-key-metadata': { 'serialization-format': 'msgpack' } },
  });
  return type;
}

/** A `Binary` literal tagged `msgpack`, as flytekit writes `dict` and dataclass values. */
export function msgpackLiteral(bytes: Uint8Array): Literal {
  return scalarLiteral({ case: 'binary', value: { value: bytes, tag: 'msgpack' } } as never);
}

/** The decoded msgpack of a `Binary` literal; undefined when the literal is not binary. */
export function msgpackValueOf(literal: Literal, context: LiteralContext): { value: JsonValue } | undefined {
  const scalar = scalarOf(literal);
  if (scalar?.case !== 'binary') return undefined;
  if (scalar.value.tag !== 'msgpack') {
    throw new TaskInputError({
      path: context.path,
      message: `${context.path}: binary literal tagged ${JSON.stringify(scalar.value.tag)} is not supported (expected msgpack)`,
    });
  }
  try {
    return { value: decodeMessagePack(scalar.value.value) };
  } catch (error) {
    throw new TaskInputError({
      path: context.path,
      message: `${context.path}: cannot decode msgpack: ${(error as Error).message}`,
      cause: error,
    });
  }
}

/** Encodes with the path of the value in the error. */
export function encodeOrFail(encode: () => Uint8Array, context: LiteralContext): Uint8Array {
  try {
    return encode();
  } catch (error) {
    if (!(error instanceof MessagePackEncodeError)) throw error;
    throw new TaskInputError({
      path: context.path,
      message: `${context.path}: ${error.message}`,
      cause: error,
    });
  }
}

// Written as flytekit 1.16 writes `dict`: msgpack Binary (STRUCT type with the msgpack annotation).
// Read from that, or from the protobuf Struct older flytekit (or FLYTE_USE_OLD_DC_FORMAT) sends.
export const jsonTransformer: LiteralTransformer<JsonObject> = {
  unionTag: 'Typed Dict',
  literalType: () => msgpackStructType(),
  toLiteral: async (value, _descriptor, context) =>
    msgpackLiteral(encodeOrFail(() => encodeMessagePack(value, context.path), context)),
  async fromLiteral(literal, descriptor, context) {
    const scalar = scalarOf(literal);
    if (scalar?.case === 'generic') return scalar.value as JsonObject;
    const decoded = msgpackValueOf(literal, context);
    if (decoded === undefined) literalMismatch(context, descriptor, literal);
    return decoded.value as JsonObject;
  },
};
