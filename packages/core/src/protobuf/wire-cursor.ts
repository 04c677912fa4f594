// A cursor over protobuf wire bytes for the hand-written fast paths (packed lists, primitive
// literal maps): it throws `NotPackable` on any shape it does not expect, and the caller then
// decodes with protobuf-es as usual. No protobuf-es import here, so `tasklens execute` can read a
// trivial task's inputs without loading the protobuf runtime.

// Wire types.
export const VARINT = 0;
export const FIXED64 = 1;
export const LENGTH_DELIMITED = 2;

/** Thrown inside the fast path when the bytes are anything but the simple shape; never escapes. */
export class NotPackable extends Error {}

/** A cursor over protobuf wire bytes. */
export class WireCursor {
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
