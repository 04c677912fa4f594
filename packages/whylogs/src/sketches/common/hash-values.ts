import { DEFAULT_HASH_SEED, murmurHash3Into } from './murmur-hash3';
import { couponOfWord } from './murmur-hash3-word';
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
  // Short strings: a hand-written encoder beats the per-call cost of TextEncoder.encodeInto.
  if (text.length > 64) return encoder.encodeInto(text, textBuffer).written;
  const buffer = textBuffer;
  let length = 0;
  for (let index = 0; index < text.length; index++) {
    let code = text.charCodeAt(index);
    if (code < 0x80) {
      buffer[length++] = code;
    } else if (code < 0x800) {
      buffer[length++] = 0xc0 | (code >>> 6);
      buffer[length++] = 0x80 | (code & 0x3f);
    } else {
      if (code >= 0xd800 && code <= 0xdfff) {
        const next = index + 1 < text.length ? text.charCodeAt(index + 1) : 0;
        if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
          index++;
          buffer[length++] = 0xf0 | (code >>> 18);
          buffer[length++] = 0x80 | ((code >>> 12) & 0x3f);
          buffer[length++] = 0x80 | ((code >>> 6) & 0x3f);
          buffer[length++] = 0x80 | (code & 0x3f);
          continue;
        }
        code = 0xfffd; // a lone surrogate encodes as U+FFFD, as TextEncoder does
      }
      buffer[length++] = 0xe0 | (code >>> 12);
      buffer[length++] = 0x80 | ((code >>> 6) & 0x3f);
      buffer[length++] = 0x80 | (code & 0x3f);
    }
  }
  return length;
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

/** HLL coupon of an int64 (8 LE bytes), as DataSketches hashes every integer type. */
export function couponOfInteger(value: number | bigint): number {
  if (typeof value === 'bigint') {
    eightBytesView.setBigInt64(0, BigInt.asIntN(64, value), true);
    return couponOfWord(eightBytesView.getUint32(4, true), eightBytesView.getUint32(0, true));
  }
  if (!Number.isInteger(value) || value < -TWO_POW_63 || value >= TWO_POW_63) {
    throw sketchError('value', `expected an integer in the int64 range, got ${value}`);
  }
  // ToUint32/ToInt32 wrap modulo 2^32, and the division by 2^32 is exact, so this is exact for any integer double.
  return couponOfWord(Math.floor(value / TWO_POW_32) >>> 0, value >>> 0);
}

/**
 * HLL coupon of a safe integer (|value| < 2^53), unchecked: the caller guarantees the range (typed int64
 * columns). Same result as `couponOfInteger`.
 */
export function couponOfSafeInteger(value: number): number {
  return couponOfWord(Math.floor(value / TWO_POW_32) >>> 0, value >>> 0);
}

const doubleScratch = new Float64Array(1);
const doubleWords = new Uint32Array(doubleScratch.buffer);
const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** HLL coupon of a double: -0.0 becomes +0.0 and every NaN becomes 0x7ff8000000000000, as in DataSketches. */
export function couponOfDouble(value: number): number {
  if (value === 0) return couponOfWord(0, 0);
  if (Number.isNaN(value)) return couponOfWord(0x7ff80000, 0);
  doubleScratch[0] = value;
  return littleEndian
    ? couponOfWord(doubleWords[1]!, doubleWords[0]!)
    : couponOfWord(doubleWords[0]!, doubleWords[1]!);
}
