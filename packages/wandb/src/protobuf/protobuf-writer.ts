/**
 * A minimal proto3 encoder: the `.wandb` records need only varints, strings and nested messages,
 * so a schema-free writer keeps the package free of a protobuf runtime.
 */
export class ProtobufWriter {
  private readonly parts: Uint8Array[] = [];
  private length = 0;
  private scratch: number[] = [];

  /** Varint field (int32/int64/bool/enum); zero is omitted as proto3 does. */
  varint(field: number, value: number | bigint | boolean): this {
    const number = typeof value === 'boolean' ? (value ? 1 : 0) : value;
    if (number === 0 || number === 0n) return this;
    this.tag(field, 0);
    if (typeof number === 'number' && number > 0 && number < 0x80000000) this.smallVarint(number);
    else this.rawVarint(BigInt.asUintN(64, BigInt(number)));
    return this;
  }

  /** String field; empty strings are omitted as proto3 does. */
  string(field: number, value: string | undefined): this {
    if (value === undefined || value === '') return this;
    return this.bytes(field, Buffer.from(value, 'utf8'));
  }

  /** Repeated string field: every element is written, empty ones too. */
  repeatedString(field: number, values: readonly string[]): this {
    for (const value of values) this.bytes(field, Buffer.from(value, 'utf8'));
    return this;
  }

  /** Nested message field; written even when empty (presence matters for oneof records). */
  message(field: number, writer: ProtobufWriter): this {
    return this.bytes(field, writer.finish());
  }

  bytes(field: number, value: Uint8Array): this {
    this.tag(field, 2);
    this.smallVarint(value.length);
    this.push(value);
    return this;
  }

  finish(): Uint8Array {
    this.flushScratch();
    return Buffer.concat(this.parts, this.length);
  }

  private tag(field: number, wireType: number): void {
    this.smallVarint((field << 3) | wireType);
  }

  private smallVarint(value: number): void {
    let rest = value;
    while (rest >= 0x80) {
      this.scratch.push((rest & 0x7f) | 0x80);
      rest >>>= 7;
    }
    this.scratch.push(rest);
  }

  private rawVarint(value: bigint): void {
    let rest = value;
    while (rest >= 0x80n) {
      this.scratch.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.scratch.push(Number(rest));
  }

  private push(bytes: Uint8Array): void {
    this.flushScratch();
    this.parts.push(bytes);
    this.length += bytes.length;
  }

  private flushScratch(): void {
    if (this.scratch.length === 0) return;
    const bytes = Uint8Array.from(this.scratch);
    this.parts.push(bytes);
    this.length += bytes.length;
    this.scratch = [];
  }
}
