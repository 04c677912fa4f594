import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';

/**
 * proto3 field writing over @bufbuild/protobuf's `BinaryWriter` (the one protobuf codec of the
 * repository): the `.wandb` records are written schema-free, so this adds only what generated
 * code would do around the wire calls, leaving out default values as protobuf does.
 */
export class Proto3Writer {
  private readonly binary = new BinaryWriter();

  /** Varint field (int32/int64/bool/enum); zero is omitted. Negative int32s take 10 bytes, as protobuf writes them. */
  varint(field: number, value: number | bigint | boolean): this {
    if (value === 0 || value === 0n || value === false) return this;
    this.binary.tag(field, WireType.Varint);
    if (typeof value === 'boolean') this.binary.bool(value);
    else this.binary.int64(value);
    return this;
  }

  /** String field; empty strings are omitted. */
  string(field: number, value: string | undefined): this {
    if (value === undefined || value === '') return this;
    this.binary.tag(field, WireType.LengthDelimited).string(value);
    return this;
  }

  /** Repeated string field: every element is written, empty ones too. */
  repeatedString(field: number, values: readonly string[]): this {
    for (const value of values) this.binary.tag(field, WireType.LengthDelimited).string(value);
    return this;
  }

  /** Nested message field, written even when empty (presence matters for oneof records). */
  message(field: number, build: (writer: this) => void): this {
    this.binary.tag(field, WireType.LengthDelimited).fork();
    build(this);
    this.binary.join();
    return this;
  }

  finish(): Uint8Array {
    return this.binary.finish();
  }
}
