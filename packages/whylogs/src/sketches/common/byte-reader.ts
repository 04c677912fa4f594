import { sketchError } from './sketch-error';

/**
 * Bounds-checked little-endian reader over sketch bytes. Every read names the field it reads, so that a
 * truncated or corrupt sketch fails with a typed error saying what was missing instead of reading garbage.
 */
export class ByteReader {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  offset = 0;
  private readonly prefix: string;

  constructor(bytes: Uint8Array, prefix: string) {
    if (!(bytes instanceof Uint8Array)) throw sketchError(prefix, 'expected a Uint8Array');
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.prefix = prefix;
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  /** Throws unless `count` more bytes are available. Call before allocating anything sized by the input. */
  require(count: number, field: string): void {
    if (!(count <= this.remaining)) {
      throw sketchError(
        `${this.prefix}.${field}`,
        `truncated sketch: needs ${count} more bytes at offset ${this.offset}, only ${this.remaining} left`,
      );
    }
  }

  error(field: string, message: string): Error {
    return sketchError(`${this.prefix}.${field}`, message);
  }

  uint8(field: string): number {
    this.require(1, field);
    return this.bytes[this.offset++]!;
  }

  uint16(field: string): number {
    this.require(2, field);
    const value = this.view.getUint16(this.offset, true);
    this.offset += 2;
    return value;
  }

  uint32(field: string): number {
    this.require(4, field);
    const value = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return value;
  }

  /** A uint64 that must fit a JS safe integer (counts and weights never get near 2^53 in practice). */
  uint64(field: string): number {
    this.require(8, field);
    const low = this.view.getUint32(this.offset, true);
    const high = this.view.getUint32(this.offset + 4, true);
    this.offset += 8;
    if (high >= 0x200000) throw this.error(field, 'value exceeds 2^53 - 1');
    return high * 0x100000000 + low;
  }

  int64AsBigInt(field: string): bigint {
    this.require(8, field);
    const value = this.view.getBigInt64(this.offset, true);
    this.offset += 8;
    return value;
  }

  float32(field: string): number {
    this.require(4, field);
    const value = this.view.getFloat32(this.offset, true);
    this.offset += 4;
    return value;
  }

  float64(field: string): number {
    this.require(8, field);
    const value = this.view.getFloat64(this.offset, true);
    this.offset += 8;
    return value;
  }

  skip(count: number, field: string): void {
    this.require(count, field);
    this.offset += count;
  }

  subarray(count: number, field: string): Uint8Array {
    this.require(count, field);
    const slice = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return slice;
  }
}
