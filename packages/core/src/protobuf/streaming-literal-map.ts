import { create, fromBinary } from '@bufbuild/protobuf';
import { type Literal, type LiteralMap, LiteralMapSchema, LiteralSchema } from './flyteidl';
import { type PackedKind, type PackedPrimitives, packedCollection } from './packed-collection';

// Wire types and the flyteidl field numbers read here (flyteidl/core/literals.proto).
const VARINT = 0;
const FIXED64 = 1;
const LENGTH_DELIMITED = 2;
const primitiveKinds: Record<number, PackedKind | undefined> = {
  1: 'integer',
  2: 'floatValue',
  3: 'stringValue',
  4: 'boolean',
};
const wireTypeOf: Record<PackedKind, number> = {
  integer: VARINT,
  floatValue: FIXED64,
  stringValue: LENGTH_DELIMITED,
  boolean: VARINT,
};

/** Thrown inside the fast path when the bytes are anything but the simple shape; never escapes. */
class NotPackable extends Error {}

/** A cursor over protobuf wire bytes. */
class WireCursor {
  position: number;

  constructor(
    readonly bytes: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.position = start;
  }

  /** An unsigned varint up to 2^53 (tags, lengths; larger → not packable). */
  smallVarint(): number {
    let result = 0;
    let scale = 1;
    for (let count = 0; count < 8; count++) {
      if (this.position >= this.end) throw new NotPackable();
      const byte = this.bytes[this.position++]!;
      result += (byte & 0x7f) * scale;
      if (byte < 0x80) return result;
      scale *= 128;
    }
    throw new NotPackable();
  }

  /** A varint as a signed 64-bit integer (int64 is two's complement, 10 bytes when negative). */
  int64(): bigint {
    const start = this.position;
    let small = 0;
    let scale = 1;
    for (let count = 0; count < 7; count++) {
      if (this.position >= this.end) throw new NotPackable();
      const byte = this.bytes[this.position++]!;
      small += (byte & 0x7f) * scale;
      if (byte < 0x80) return BigInt(small);
      scale *= 128;
    }
    // Beyond 49 bits: redo with BigInt (rare: large or negative values).
    this.position = start;
    let result = 0n;
    let shift = 0n;
    for (let count = 0; count < 10; count++) {
      if (this.position >= this.end) throw new NotPackable();
      const byte = this.bytes[this.position++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if (byte < 0x80) return BigInt.asIntN(64, result);
      shift += 7n;
    }
    throw new NotPackable();
  }

  /** The end offset of a length-delimited field whose length comes next. */
  delimitedEnd(): number {
    const length = this.smallVarint();
    const end = this.position + length;
    if (end > this.end) throw new NotPackable();
    return end;
  }

  /** Reads a tag and requires field `field` with wire type `wireType`. */
  expect(field: number, wireType: number): void {
    const tag = this.smallVarint();
    if (tag !== field * 8 + wireType) throw new NotPackable();
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Walks the elements of a `LiteralCollection` body, requiring each to be exactly
 * `Literal{scalar{primitive{<one field>}}}`; calls `visit` with the primitive's kind and the
 * offsets of its value. Throws `NotPackable` for any other shape.
 */
function walkElements(
  bytes: Uint8Array,
  start: number,
  end: number,
  visit: (kind: PackedKind, valueStart: number, elementEnd: number) => void,
): void {
  const cursor = new WireCursor(bytes, start, end);
  while (cursor.position < end) {
    cursor.expect(1, LENGTH_DELIMITED); // LiteralCollection.literals
    const elementEnd = cursor.delimitedEnd();
    cursor.expect(1, LENGTH_DELIMITED); // Literal.scalar
    if (cursor.delimitedEnd() !== elementEnd) throw new NotPackable();
    cursor.expect(1, LENGTH_DELIMITED); // Scalar.primitive
    if (cursor.delimitedEnd() !== elementEnd) throw new NotPackable();
    const tag = cursor.smallVarint();
    const kind = primitiveKinds[tag >>> 3];
    if (kind === undefined || (tag & 7) !== wireTypeOf[kind]) throw new NotPackable();
    visit(kind, cursor.position, elementEnd);
    cursor.position = elementEnd;
  }
}

/**
 * The elements of a `Literal{collection}` whose every element is a bare primitive of one kind (no
 * hash, no metadata), packed; throws `NotPackable` for any other shape (decoded as usual then).
 */
function packCollection(bytes: Uint8Array, start: number, end: number): PackedPrimitives {
  const literal = new WireCursor(bytes, start, end);
  literal.expect(2, LENGTH_DELIMITED); // Literal.collection
  const collectionEnd = literal.delimitedEnd();
  if (collectionEnd !== end) throw new NotPackable();
  const body = literal.position;

  // First pass: the count and the one kind.
  let kind: PackedKind | undefined;
  let count = 0;
  walkElements(bytes, body, collectionEnd, (elementKind) => {
    if (kind !== undefined && elementKind !== kind) throw new NotPackable();
    kind = elementKind;
    count++;
  });
  if (kind === undefined) throw new NotPackable(); // empty: nothing to gain

  // Second pass: each value, which must fill the rest of its element exactly.
  let index = 0;
  switch (kind) {
    case 'integer': {
      const values = new BigInt64Array(count);
      walkElements(bytes, body, collectionEnd, (_, valueStart, elementEnd) => {
        const reader = new WireCursor(bytes, valueStart, elementEnd);
        values[index++] = reader.int64();
        if (reader.position !== elementEnd) throw new NotPackable();
      });
      return { kind, values };
    }
    case 'floatValue': {
      const values = new Float64Array(count);
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      walkElements(bytes, body, collectionEnd, (_, valueStart, elementEnd) => {
        if (valueStart + 8 !== elementEnd) throw new NotPackable();
        values[index++] = view.getFloat64(valueStart, true);
      });
      return { kind, values };
    }
    case 'stringValue': {
      const values: string[] = new Array(count);
      walkElements(bytes, body, collectionEnd, (_, valueStart, elementEnd) => {
        const reader = new WireCursor(bytes, valueStart, elementEnd);
        const stringEnd = reader.delimitedEnd();
        if (stringEnd !== elementEnd) throw new NotPackable();
        values[index++] = utf8.decode(bytes.subarray(reader.position, stringEnd));
      });
      return { kind, values };
    }
    case 'boolean': {
      const values = new Uint8Array(count);
      walkElements(bytes, body, collectionEnd, (_, valueStart, elementEnd) => {
        const reader = new WireCursor(bytes, valueStart, elementEnd);
        values[index++] = reader.int64() === 0n ? 0 : 1;
        if (reader.position !== elementEnd) throw new NotPackable();
      });
      return { kind, values };
    }
  }
}

/** One `Literal`: a packed collection when it has that simple shape, else the protobuf decoding. */
function decodeLiteral(bytes: Uint8Array, start: number, end: number): Literal {
  try {
    const packed = packCollection(bytes, start, end);
    return create(LiteralSchema, { value: { case: 'collection', value: packedCollection(packed) } });
  } catch (error) {
    if (!(error instanceof NotPackable)) throw error;
    return fromBinary(LiteralSchema, bytes.subarray(start, end));
  }
}

/**
 * Decodes inputs.pb (a `flyteidl.core.LiteralMap`) like `fromBinary(LiteralMapSchema, …)`, except
 * that lists of plain integers, floats, strings or booleans are kept packed in typed arrays (see
 * `packedCollection`): a 1,000,000-integer list costs megabytes, not a message tree per element.
 * Anything that is not a plain LiteralMap of entries is decoded by protobuf as before (same errors).
 */
export function decodeLiteralMapStreaming(bytes: Uint8Array): LiteralMap {
  const literals: Record<string, Literal> = {};
  try {
    const map = new WireCursor(bytes, 0, bytes.length);
    while (map.position < bytes.length) {
      map.expect(1, LENGTH_DELIMITED);
      const entryEnd = map.delimitedEnd();
      map.expect(1, LENGTH_DELIMITED);
      const keyEnd = map.delimitedEnd();
      const key = utf8.decode(bytes.subarray(map.position, keyEnd));
      if (key === '__proto__') throw new NotPackable();
      map.position = keyEnd;
      map.expect(2, LENGTH_DELIMITED);
      const valueEnd = map.delimitedEnd();
      if (valueEnd !== entryEnd) throw new NotPackable();
      literals[key] = decodeLiteral(bytes, map.position, valueEnd);
      map.position = entryEnd;
    }
  } catch (error) {
    if (!(error instanceof NotPackable) && !(error instanceof TypeError)) throw error;
    // Unusual layout (field order, unknown fields, bad UTF-8): protobuf decodes it or says why not.
    return fromBinary(LiteralMapSchema, bytes);
  }
  return create(LiteralMapSchema, { literals });
}
