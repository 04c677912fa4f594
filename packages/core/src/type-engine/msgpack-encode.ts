import { wasFloat } from './msgpack-float-keys';

/** Thrown for a value MessagePack (as flytekit reads it) cannot hold; the message names the path. */
export class MessagePackEncodeError extends Error {}

/**
 * How a number at a given place is written: `'auto'` writes integral numbers as ints (unless the
 * decoder marked them as floats) and others as float64, like Python's msgpack does for int/float.
 */
export type NumberStyle = 'auto' | 'float';

/**
 * Encodes JSON-like values as MessagePack the way Python's `msgpack.dumps` does (smallest int
 * encoding, float64, str8+ strings, maps in insertion order), so Python reads the same values.
 */
export class MessagePackWriter {
  private buffer = new Uint8Array(256);
  private view = new DataView(this.buffer.buffer);
  private length = 0;
  private readonly encoder = new TextEncoder();

  /** The bytes written so far. */
  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private reserve(count: number): void {
    if (this.length + count <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + count) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  private byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  nil(): void {
    this.byte(0xc0);
  }

  boolean(value: boolean): void {
    this.byte(value ? 0xc3 : 0xc2);
  }

  float64(value: number): void {
    this.reserve(9);
    this.buffer[this.length] = 0xcb;
    this.view.setFloat64(this.length + 1, value);
    this.length += 9;
  }

  integer(value: bigint | number): void {
    const big = BigInt(value);
    if (big < -(2n ** 63n) || big >= 2n ** 64n) {
      throw new MessagePackEncodeError(`integer ${big} does not fit 64 bits`);
    }
    this.reserve(9);
    const at = this.length;
    if (big >= 0n) {
      if (big < 0x80n) {
        this.byte(Number(big));
        return;
      }
      if (big <= 0xffn) this.header(0xcc, 1, () => this.view.setUint8(at + 1, Number(big)));
      else if (big <= 0xffffn) this.header(0xcd, 2, () => this.view.setUint16(at + 1, Number(big)));
      else if (big <= 0xffffffffn) this.header(0xce, 4, () => this.view.setUint32(at + 1, Number(big)));
      else this.header(0xcf, 8, () => this.view.setBigUint64(at + 1, big));
      return;
    }
    if (big >= -32n) {
      this.byte(Number(big) & 0xff);
      return;
    }
    if (big >= -128n) this.header(0xd0, 1, () => this.view.setInt8(at + 1, Number(big)));
    else if (big >= -32768n) this.header(0xd1, 2, () => this.view.setInt16(at + 1, Number(big)));
    else if (big >= -(2n ** 31n)) this.header(0xd2, 4, () => this.view.setInt32(at + 1, Number(big)));
    else this.header(0xd3, 8, () => this.view.setBigInt64(at + 1, big));
  }

  private header(marker: number, size: number, write: () => void): void {
    this.reserve(1 + size);
    this.buffer[this.length] = marker;
    write();
    this.length += 1 + size;
  }

  string(value: string): void {
    const encoded = this.encoder.encode(value);
    const size = encoded.length;
    if (size < 32) this.byte(0xa0 | size);
    else this.sized(size, 0xd9, 0xda, 0xdb);
    this.reserve(size);
    this.buffer.set(encoded, this.length);
    this.length += size;
  }

  arrayHeader(size: number): void {
    if (size < 16) this.byte(0x90 | size);
    else this.sized(size, undefined, 0xdc, 0xdd);
  }

  mapHeader(size: number): void {
    if (size < 16) this.byte(0x80 | size);
    else this.sized(size, undefined, 0xde, 0xdf);
  }

  private sized(size: number, marker8: number | undefined, marker16: number, marker32: number): void {
    const at = this.length;
    if (marker8 !== undefined && size <= 0xff)
      this.header(marker8, 1, () => this.view.setUint8(at + 1, size));
    else if (size <= 0xffff) this.header(marker16, 2, () => this.view.setUint16(at + 1, size));
    else this.header(marker32, 4, () => this.view.setUint32(at + 1, size));
  }

  /** Writes a JSON-like value: null, booleans, numbers, bigints, strings, arrays, plain objects. */
  value(value: unknown, path: string, style: NumberStyle = 'auto'): void {
    if (value === null || value === undefined) {
      this.nil();
      return;
    }
    if (typeof value === 'boolean') {
      this.boolean(value);
      return;
    }
    if (typeof value === 'bigint') {
      this.integer(value);
      return;
    }
    if (typeof value === 'number') {
      if (style === 'auto' && Number.isSafeInteger(value) && !Object.is(value, -0)) this.integer(value);
      else this.float64(value);
      return;
    }
    if (typeof value === 'string') {
      this.string(value);
      return;
    }
    if (Array.isArray(value)) {
      this.arrayHeader(value.length);
      for (const [index, item] of value.entries())
        this.value(item, `${path}[${index}]`, this.styleOf(value, index));
      return;
    }
    if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
      const entries = Object.entries(value);
      this.mapHeader(entries.length);
      for (const [key, item] of entries) {
        this.string(key);
        this.value(item, `${path}.${key}`, this.styleOf(value, key));
      }
      return;
    }
    throw new MessagePackEncodeError(`${path}: ${Object.prototype.toString.call(value)} is not a JSON value`);
  }

  private styleOf(container: object, key: string | number): NumberStyle {
    return wasFloat(container, key) ? 'float' : 'auto';
  }
}

/** MessagePack bytes of one JSON-like value. */
export function encodeMessagePack(value: unknown, path = 'value'): Uint8Array {
  const writer = new MessagePackWriter();
  writer.value(value, path);
  return writer.bytes();
}
