import { create, fromBinary } from '@bufbuild/protobuf';
import { type Literal, type LiteralMap, LiteralMapSchema, LiteralSchema } from './flyteidl';
import { type PackedKind, type PackedPrimitives, packedCollection } from './packed-collection';
import { FIXED64, LENGTH_DELIMITED, NotPackable, VARINT, WireCursor } from './wire-cursor';

// The flyteidl field numbers read here (flyteidl/core/literals.proto).
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

// As protobuf-es decodes strings: a leading U+FEFF is text, not a byte-order mark.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

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
