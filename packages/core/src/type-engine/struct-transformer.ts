import type { JsonValue } from '../types/collection-types';
import type { StructTypeDescriptor } from '../types/struct-type';
import type { TypeRecord } from '../types/type-descriptor';
import { encodeOrFail, msgpackLiteral, msgpackStructType, msgpackValueOf } from './json-transformer';
import { scalarOf } from './literal-builders';
import { literalMismatch } from './literal-mismatch';
import type { LiteralTransformer } from './literal-transformer';
import { MessagePackWriter } from './msgpack-encode';
import type { NestedConversion } from './nested-conversion';
import { jsonSchemaOf, readStructValue, writeStructValue } from './struct-values';

/**
 * Dataclass-like structs as flytekit 1.16 stores dataclasses: msgpack `Binary` of the field map,
 * literal type STRUCT with the JSON schema (metadata) and per-field literal types (structure).
 */
export function createStructTransformer(
  engine: NestedConversion,
): LiteralTransformer<Record<string, unknown>> {
  return {
    unionTag: 'Object-Dataclass-Transformer',
    literalType(descriptor) {
      const { fields } = descriptor as unknown as StructTypeDescriptor<TypeRecord>;
      return msgpackStructType({
        metadata: jsonSchemaOf(descriptor as never) as never,
        structure: {
          dataclassType: Object.fromEntries(
            Object.entries(fields).map(([name, field]) => [name, engine.literalTypeOf(field)]),
          ),
        },
      });
    },
    async toLiteral(value, descriptor, context) {
      const bytes = encodeOrFail(() => {
        const writer = new MessagePackWriter();
        writeStructValue(writer, value, descriptor as never, context.path);
        return writer.bytes();
      }, context);
      return msgpackLiteral(bytes);
    },
    async fromLiteral(literal, descriptor, context) {
      const scalar = scalarOf(literal);
      const decoded =
        scalar?.case === 'generic' ? { value: scalar.value as JsonValue } : msgpackValueOf(literal, context);
      if (decoded === undefined) literalMismatch(context, descriptor, literal);
      return readStructValue(decoded.value, descriptor as never, context.path) as Record<string, unknown>;
    },
  };
}
