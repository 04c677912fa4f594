const encoder = new TextEncoder();

/**
 * Growable protobuf writer. Length-delimited fields are built with `fork`/`join`: the nested message is
 * written into its own writer first so its size is known when the length prefix is emitted.
 */
export class ProtoWriter {
  private buffer = new Uint8Array(256);
  private view = new DataView(this.buffer.buffer);
  length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  /** A non-negative safe integer as a varint. */
  uint(value: number): this {
    this.ensure(10);
    while (value >= 0x80) {
      this.buffer[this.length++] = (value % 0x80) | 0x80;
      value = Math.floor(value / 0x80);
    }
    this.buffer[this.length++] = value;
    return this;
  }

  /** A signed int64 as a (10-byte when negative) varint. */
  int64(value: bigint): this {
    let unsigned = BigInt.asUintN(64, value);
    this.ensure(10);
    while (unsigned >= 0x80n) {
      this.buffer[this.length++] = Number(unsigned & 0x7fn) | 0x80;
      unsigned >>= 7n;
    }
    this.buffer[this.length++] = Number(unsigned);
    return this;
  }

  tag(fieldNumber: number, wireType: number): this {
    return this.uint(fieldNumber * 8 + wireType);
  }

  double(value: number): this {
    this.ensure(8);
    this.view.setFloat64(this.length, value, true);
    this.length += 8;
    return this;
  }

  raw(bytes: Uint8Array): this {
    this.ensure(bytes.length);
    this.buffer.set(bytes, this.length);
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
    return this.buffer.slice(0, this.length);
  }
}
