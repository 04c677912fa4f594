import { BinaryReader, WireType } from '@bufbuild/protobuf/wire';
import { InvalidOptionError } from '@tasklens/core';

/** One decoded field: varints as bigint, other fields as their bytes. */
export type ProtobufField =
  | { field: number; wireType: 0; value: bigint }
  | { field: number; wireType: 2; value: Uint8Array }
  | { field: number; wireType: 1 | 5; value: Uint8Array };

/**
 * Splits a protobuf message into its fields with @bufbuild/protobuf's `BinaryReader`
 * (schema-free: nested messages stay as bytes until asked for).
 */
export function readProtobufFields(bytes: Uint8Array): ProtobufField[] {
  const fields: ProtobufField[] = [];
  const reader = new BinaryReader(bytes);
  try {
    while (reader.pos < reader.len) {
      const [field, wireType] = reader.tag();
      switch (wireType) {
        case WireType.Varint:
          fields.push({ field, wireType: 0, value: BigInt(reader.uint64()) });
          break;
        case WireType.LengthDelimited:
          fields.push({ field, wireType: 2, value: reader.bytes() });
          break;
        case WireType.Bit64:
        case WireType.Bit32: {
          const start = reader.pos;
          reader.skip(wireType);
          if (reader.pos > reader.len) throw corrupt(`truncated field ${field}`);
          fields.push({
            field,
            wireType: wireType === WireType.Bit64 ? 1 : 5,
            value: bytes.subarray(start, reader.pos),
          });
          break;
        }
        default:
          throw corrupt(`unsupported wire type ${wireType} (field ${field})`);
      }
    }
  } catch (error) {
    if (InvalidOptionError.isInstance(error)) throw error;
    throw corrupt(error instanceof Error ? error.message : String(error));
  }
  return fields;
}

function corrupt(detail: string): InvalidOptionError {
  return new InvalidOptionError({ option: 'path', message: `not a valid .wandb record: ${detail}` });
}
/** Field helpers over a decoded message. */
export class ProtobufMessage {
  readonly fields: ProtobufField[];
  constructor(bytes: Uint8Array) {
    this.fields = readProtobufFields(bytes);
  }
  string(field: number): string | undefined {
    const found = this.last(field, 2);
    return found === undefined ? undefined : Buffer.from(found.value as Uint8Array).toString('utf8');
  }
  strings(field: number): string[] {
    return this.fields
      .filter((entry) => entry.field === field && entry.wireType === 2)
      .map((entry) => Buffer.from(entry.value as Uint8Array).toString('utf8'));
  }
  number(field: number): number {
    const found = this.last(field, 0);
    return found === undefined ? 0 : Number(BigInt.asIntN(64, found.value as bigint));
  }
  message(field: number): ProtobufMessage | undefined {
    const found = this.last(field, 2);
    return found === undefined ? undefined : new ProtobufMessage(found.value as Uint8Array);
  }
  messages(field: number): ProtobufMessage[] {
    return this.fields
      .filter((entry) => entry.field === field && entry.wireType === 2)
      .map((entry) => new ProtobufMessage(entry.value as Uint8Array));
  }
  private last(field: number, wireType: number): ProtobufField | undefined {
    for (let index = this.fields.length - 1; index >= 0; index--) {
      const entry = this.fields[index]!;
      if (entry.field === field && entry.wireType === wireType) return entry;
    }
    return undefined;
  }
  has(field: number): boolean {
    return this.fields.some((entry) => entry.field === field);
  }
}
