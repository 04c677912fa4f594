import { InvalidOptionError } from '@tasklens/core';

/** One decoded field: varints as bigint, length-delimited fields as bytes. */
export type ProtobufField =
  | { field: number; wireType: 0; value: bigint }
  | { field: number; wireType: 2; value: Uint8Array }
  | { field: number; wireType: 1 | 5; value: Uint8Array };

/** Splits a protobuf message into its fields (schema-free; nested messages stay as bytes). */
export function readProtobufFields(bytes: Uint8Array): ProtobufField[] {
  const fields: ProtobufField[] = [];
  let position = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (position >= bytes.length) throw corrupt('truncated varint');
      const byte = bytes[position++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  while (position < bytes.length) {
    const key = Number(varint());
    const field = key >>> 3;
    const wireType = key & 7;
    if (wireType === 0) fields.push({ field, wireType, value: varint() });
    else if (wireType === 2) {
      const length = Number(varint());
      if (position + length > bytes.length) throw corrupt('truncated field');
      fields.push({ field, wireType, value: bytes.subarray(position, position + length) });
      position += length;
    } else if (wireType === 1 || wireType === 5) {
      const length = wireType === 1 ? 8 : 4;
      fields.push({ field, wireType, value: bytes.subarray(position, position + length) });
      position += length;
    } else throw corrupt(`unsupported wire type ${wireType}`);
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
