import { BinaryWriter } from '@bufbuild/protobuf/wire';

const UINT32_MAX = 0xffffffff;
const encoder = new TextEncoder();

/** Bytes of the varint of a non-negative safe integer. */
function varintLength(value: number): number {
  let length = 1;
  for (let rest = value; rest >= 0x80; rest = Math.floor(rest / 0x80)) length++;
  return length;
}

/** Bytes of the varint of an int64 (ten for a negative one: it is sign-extended to 64 bits). */
function int64VarintLength(value: bigint): number {
  if (value < 0n) return 10;
  let length = 1;
  for (let rest = value; rest >= 0x80n; rest >>= 7n) length++;
  return length;
}

/**
 * Protobuf writer over `@bufbuild/protobuf`'s `BinaryWriter`, with the calls this package's messages need and the
 * byte count so far (`length`, which the file layout records as offsets). Length-delimited fields are built from
 * nested writers: the nested message is finished first so its size is known when the length prefix is emitted
 * (the bytes equal the library's fork/join).
 */
export class ProtoWriter {
  private readonly writer = new BinaryWriter();
  /** Bytes written so far. */
  length = 0;

  /** A non-negative safe integer as a varint. */
  uint(value: number): this {
    if (value <= UINT32_MAX) this.writer.uint32(value);
    else this.writer.uint64(value);
    this.length += varintLength(value);
    return this;
  }

  /** A signed int64 as a (10-byte when negative) varint. */
  int64(value: bigint): this {
    this.writer.int64(value);
    this.length += int64VarintLength(value);
    return this;
  }

  tag(fieldNumber: number, wireType: number): this {
    return this.uint(fieldNumber * 8 + wireType);
  }

  double(value: number): this {
    this.writer.double(value);
    this.length += 8;
    return this;
  }

  raw(bytes: Uint8Array): this {
    this.writer.raw(bytes);
    this.length += bytes.length;
    return this;
  }

  /** Length prefix then bytes. */
  bytes(bytes: Uint8Array): this {
    this.uint(bytes.length);
    return this.raw(bytes);
  }

  string(value: string): this {
    return this.bytes(encoder.encode(value));
  }

  finish(): Uint8Array {
    return this.writer.finish();
  }
}
