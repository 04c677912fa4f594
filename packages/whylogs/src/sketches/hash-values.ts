import { DEFAULT_HASH_SEED, murmurHash3Into } from './murmur-hash3';
import { sketchError } from './sketch-error';
import { countLeadingZeros64 } from './uint64';

// Scratch buffers reused by every hash call (single-threaded; never read after the call returns).
const hashOut = new Uint32Array(4);
const eightBytes = new Uint8Array(8);
const eightBytesView = new DataView(eightBytes.buffer);
const encoder = new TextEncoder();
let textBuffer = new Uint8Array(256);

const TWO_POW_32 = 0x100000000;
const TWO_POW_63 = 2 ** 63;

/** Encodes `text` as UTF-8 into a reused buffer; returns the byte length (the bytes are in `utf8Scratch()`). */
export function encodeUtf8(text: string): number {
  // A UTF-16 code unit becomes at most 3 UTF-8 bytes.
  if (text.length * 3 > textBuffer.length) {
    textBuffer = new Uint8Array(Math.max(text.length * 3, textBuffer.length * 2));
  }
  return encoder.encodeInto(text, textBuffer).written;
}

/** The buffer filled by the last `encodeUtf8` call. */
export function utf8Scratch(): Uint8Array {
  return textBuffer;
}

function couponFromHash(): number {
  const addressBits = hashOut[1]! & 0x3ffffff;
  const leadingZeros = countLeadingZeros64(hashOut[2]!, hashOut[3]!);
  const value = Math.min(leadingZeros, 62) + 1;
  return ((value << 26) | addressBits) >>> 0;
}

/** HLL coupon of arbitrary bytes (DataSketches `update(const void*, size_t)`). */
export function couponOfBytes(bytes: Uint8Array, offset = 0, length = bytes.length - offset): number {
  murmurHash3Into(bytes, offset, length, DEFAULT_HASH_SEED, hashOut);
  return couponFromHash();
}

/** HLL coupon of a string's UTF-8 bytes, or 0 (no update) for the empty string, as DataSketches skips it. */
export function couponOfString(text: string): number {
  if (text.length === 0) return 0;
  const length = encodeUtf8(text);
  murmurHash3Into(textBuffer, 0, length, DEFAULT_HASH_SEED, hashOut);
  return couponFromHash();
}

/** Writes an integer as 8 little-endian two's-complement bytes into the scratch buffer. */
function writeInt64(value: number | bigint): void {
  if (typeof value === 'bigint') {
    eightBytesView.setBigInt64(0, BigInt.asIntN(64, value), true);
    return;
  }
  if (!Number.isInteger(value) || value < -TWO_POW_63 || value >= TWO_POW_63) {
    throw sketchError('value', `expected an integer in the int64 range, got ${value}`);
  }
  // ToUint32/ToInt32 wrap modulo 2^32, and the division by 2^32 is exact, so this is exact for any integer double.
  eightBytesView.setUint32(0, value >>> 0, true);
  eightBytesView.setInt32(4, Math.floor(value / TWO_POW_32) | 0, true);
}

/** HLL coupon of an int64 (8 LE bytes), as DataSketches hashes every integer type. */
export function couponOfInteger(value: number | bigint): number {
  writeInt64(value);
  murmurHash3Into(eightBytes, 0, 8, DEFAULT_HASH_SEED, hashOut);
  return couponFromHash();
}

/** HLL coupon of a double: -0.0 becomes +0.0 and every NaN becomes 0x7ff8000000000000, as in DataSketches. */
export function couponOfDouble(value: number): number {
  if (value === 0) {
    eightBytesView.setFloat64(0, 0, true);
  } else if (Number.isNaN(value)) {
    eightBytesView.setUint32(0, 0, true);
    eightBytesView.setUint32(4, 0x7ff80000, true);
  } else {
    eightBytesView.setFloat64(0, value, true);
  }
  murmurHash3Into(eightBytes, 0, 8, DEFAULT_HASH_SEED, hashOut);
  return couponFromHash();
}
