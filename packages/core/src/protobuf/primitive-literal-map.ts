import { FIXED64, LENGTH_DELIMITED, NotPackable, VARINT, WireCursor } from './wire-cursor';

// A hand-written codec for the one shape a trivial task reads and writes: a `LiteralMap` whose every
// literal is `Literal{scalar{primitive{integer | float_value | string_value | boolean}}}` with no
// hash, metadata or other field (flyteidl/core/literals.proto). It loads no protobuf runtime:
// protobuf-es's descriptors cost `tasklens execute` about 40–55 ms of CPU in a fresh process (issue
// #16), more than a bare `node -e ''` start. Issue #17 allows a second codec only when a bench
// justifies it: see the numbers in `bench/cold-start.mjs`'s header comment.
// Any other shape returns `undefined` and the caller uses protobuf-es; `primitive-literal-map.test.ts`
// checks the bytes and values against protobuf-es.

/** A primitive value, shaped like protobuf-es's `Primitive['value']` for the four plain kinds. */
export type PlainPrimitive =
  | { case: 'integer'; value: bigint }
  | { case: 'floatValue'; value: number }
  | { case: 'stringValue'; value: string }
  | { case: 'boolean'; value: boolean };

// protobuf-es decodes strings with these options: a leading U+FEFF is text, not a byte-order mark.
// Invalid UTF-8 throws here and falls back, so protobuf-es decides what it means.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

function decodePrimitive(cursor: WireCursor, end: number): PlainPrimitive {
  const tag = cursor.smallVarint();
  let primitive: PlainPrimitive;
  switch (tag) {
    case (1 << 3) | VARINT:
      primitive = { case: 'integer', value: cursor.int64() };
      break;
    case (2 << 3) | FIXED64: {
      if (cursor.position + 8 > end) throw new NotPackable();
      const view = new DataView(cursor.bytes.buffer, cursor.bytes.byteOffset + cursor.position, 8);
      primitive = { case: 'floatValue', value: view.getFloat64(0, true) };
      cursor.position += 8;
      break;
    }
    case (3 << 3) | LENGTH_DELIMITED: {
      const stringEnd = cursor.delimitedEnd();
      primitive = {
        case: 'stringValue',
        value: utf8Decoder.decode(cursor.bytes.subarray(cursor.position, stringEnd)),
      };
      cursor.position = stringEnd;
      break;
    }
    case (4 << 3) | VARINT:
      primitive = { case: 'boolean', value: cursor.int64() !== 0n };
      break;
    default:
      throw new NotPackable();
  }
  // Exactly one field: a second one (a repeated oneof member, an unknown field) falls back.
  if (cursor.position !== end) throw new NotPackable();
  return primitive;
}

/**
 * The primitives of a `LiteralMap` (inputs.pb) in entry order, when every literal is a bare plain
 * primitive; `undefined` for any other content (a datetime, a list, a blob, a hash, an unknown
 * field, a repeated key, malformed bytes), which protobuf-es then decodes or rejects.
 */
export function decodePrimitiveLiteralMap(bytes: Uint8Array): Map<string, PlainPrimitive> | undefined {
  const entries = new Map<string, PlainPrimitive>();
  try {
    const cursor = new WireCursor(bytes, 0, bytes.length);
    while (cursor.position < bytes.length) {
      cursor.expect(1, LENGTH_DELIMITED); // LiteralMap.literals (a map entry)
      const entryEnd = cursor.delimitedEnd();
      cursor.expect(1, LENGTH_DELIMITED); // key
      const keyEnd = cursor.delimitedEnd();
      const key = utf8Decoder.decode(bytes.subarray(cursor.position, keyEnd));
      cursor.position = keyEnd;
      cursor.expect(2, LENGTH_DELIMITED); // value: Literal
      if (cursor.delimitedEnd() !== entryEnd) throw new NotPackable();
      cursor.expect(1, LENGTH_DELIMITED); // Literal.scalar
      if (cursor.delimitedEnd() !== entryEnd) throw new NotPackable();
      cursor.expect(1, LENGTH_DELIMITED); // Scalar.primitive
      if (cursor.delimitedEnd() !== entryEnd) throw new NotPackable();
      if (entries.has(key) || key === '__proto__') throw new NotPackable();
      entries.set(key, decodePrimitive(cursor, entryEnd));
    }
  } catch (error) {
    if (error instanceof NotPackable || error instanceof TypeError) return undefined;
    throw error;
  }
  return entries;
}

/** Appends protobuf wire bytes. */
class WireWriter {
  private readonly chunks: number[] = [];

  get length(): number {
    return this.chunks.length;
  }

  /** An unsigned varint of a non-negative safe integer (tags, lengths). */
  varint(value: number): void {
    while (value > 0x7f) {
      this.chunks.push((value % 128) | 0x80);
      value = Math.floor(value / 128);
    }
    this.chunks.push(value);
  }

  /** An int64 as a varint: two's complement, so a negative value takes 10 bytes. */
  int64(value: bigint): void {
    let rest = BigInt.asUintN(64, value);
    while (rest > 0x7fn) {
      this.chunks.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.chunks.push(Number(rest));
  }

  raw(bytes: ArrayLike<number>): void {
    for (let index = 0; index < bytes.length; index++) this.chunks.push(bytes[index]!);
  }

  /** A length-delimited field whose body `write` appends. */
  delimited(field: number, write: (writer: WireWriter) => void): void {
    const body = new WireWriter();
    write(body);
    this.varint((field << 3) | LENGTH_DELIMITED);
    this.varint(body.length);
    this.raw(body.chunks);
  }

  bytes(): Uint8Array {
    return Uint8Array.from(this.chunks);
  }
}

function writePrimitive(writer: WireWriter, primitive: PlainPrimitive): void {
  switch (primitive.case) {
    case 'integer':
      writer.varint((1 << 3) | VARINT);
      writer.int64(primitive.value);
      return;
    case 'floatValue': {
      writer.varint((2 << 3) | FIXED64);
      const buffer = new Uint8Array(8);
      new DataView(buffer.buffer).setFloat64(0, primitive.value, true);
      writer.raw(buffer);
      return;
    }
    case 'stringValue': {
      const encoded = utf8Encoder.encode(primitive.value);
      writer.varint((3 << 3) | LENGTH_DELIMITED);
      writer.varint(encoded.length);
      writer.raw(encoded);
      return;
    }
    case 'boolean':
      writer.varint((4 << 3) | VARINT);
      writer.varint(primitive.value ? 1 : 0);
      return;
  }
}

/**
 * outputs.pb for named plain primitives: the same bytes as protobuf-es's
 * `toBinary(LiteralMapSchema, …)` of the literals the type engine builds for them, in entry order.
 */
export function encodePrimitiveLiteralMap(entries: Iterable<[string, PlainPrimitive]>): Uint8Array {
  const writer = new WireWriter();
  for (const [name, primitive] of entries) {
    writer.delimited(1, (entry) => {
      entry.delimited(1, (key) => key.raw(utf8Encoder.encode(name)));
      entry.delimited(2, (literal) =>
        literal.delimited(1, (scalar) => scalar.delimited(1, (body) => writePrimitive(body, primitive))),
      );
    });
  }
  return writer.bytes();
}
