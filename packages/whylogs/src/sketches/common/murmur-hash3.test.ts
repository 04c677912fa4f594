import { describe, expect, it } from 'vitest';
import {
  couponOfBytes,
  couponOfDouble,
  couponOfInteger,
  couponOfString,
  encodeUtf8,
  utf8Scratch,
} from './hash-values';
import { murmurHash3x64_128 } from './murmur-hash3';
import { carry, multiply64, toHex64 } from './uint64';

const encoder = new TextEncoder();

function int64Bytes(value: bigint): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigInt64(0, value, true);
  return bytes;
}

function doubleBytes(value: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, value, true);
  return bytes;
}

const hex = (value: bigint) => value.toString(16).padStart(16, '0');

describe('murmurHash3x64_128 with seed 9001 (spec §4.1 table)', () => {
  const vectors: Array<[string, Uint8Array, string, string, number]> = [
    ['utf8 "a"', encoder.encode('a'), 'f6020f0aa43b822f', 'c51f4ded6e1eb0fe', 0x043b822f],
    ['utf8 "some"', encoder.encode('some'), '05c8678c27a1a836', '64e78a539d9c7940', 0x0ba1a836],
    [
      'utf8 "0123456789abcdef"',
      encoder.encode('0123456789abcdef'),
      '257b60668d289420',
      '7136b9a3e21fb393',
      0x09289420,
    ],
    ['utf8 "café"', encoder.encode('café'), '15634cc1748c01fc', 'fea9112b28f590b5', 0x048c01fc],
    ['int64 0', int64Bytes(0n), '40890191dcc2d7cb', '9a7acdbe1b80efb2', 0x04c2d7cb],
    ['int64 1', int64Bytes(1n), '0b430d7b96fbf22b', 'e8ea0960d4246765', 0x06fbf22b],
    ['int64 -1', int64Bytes(-1n), '1cf79f8c1be764d9', '64879b0f1ffb7e86', 0x0be764d9],
    ['double 1.0', doubleBytes(1), 'f947af95cb9da50b', '3cfb2d832adda216', 0x0f9da50b],
    ['double 2.5', doubleBytes(2.5), '39076dce2428a94a', '1e8b88b8c5d7f7df', 0x1028a94a],
  ];

  for (const [name, bytes, h1, h2] of vectors) {
    it(`hashes ${name} to h1 ${h1}, h2 ${h2}`, () => {
      const result = murmurHash3x64_128(bytes);
      expect(hex(result.h1)).toBe(h1);
      expect(hex(result.h2)).toBe(h2);
    });
  }

  it('derives the HLL coupons of the table from strings, int64s and doubles', () => {
    expect(couponOfString('a')).toBe(0x043b822f);
    expect(couponOfString('some')).toBe(0x0ba1a836);
    expect(couponOfString('0123456789abcdef')).toBe(0x09289420);
    expect(couponOfString('café')).toBe(0x048c01fc);
    expect(couponOfInteger(0)).toBe(0x04c2d7cb);
    expect(couponOfInteger(1)).toBe(0x06fbf22b);
    expect(couponOfInteger(-1)).toBe(0x0be764d9);
    expect(couponOfInteger(-1n)).toBe(0x0be764d9);
    expect(couponOfDouble(1)).toBe(0x0f9da50b);
    expect(couponOfDouble(2.5)).toBe(0x1028a94a);
  });

  it('canonicalizes doubles like DataSketches: -0.0 and 0.0 hash as int64 0, every NaN as 0x7ff8…', () => {
    expect(couponOfDouble(0)).toBe(0x04c2d7cb);
    expect(couponOfDouble(-0)).toBe(0x04c2d7cb);
    expect(couponOfDouble(Number.NaN)).toBe(0x18bd31eb);
    const otherNaN = new DataView(new ArrayBuffer(8));
    otherNaN.setUint32(0, 1, true);
    otherNaN.setUint32(4, 0xfff80000, true);
    expect(couponOfDouble(otherNaN.getFloat64(0, true))).toBe(0x18bd31eb);
    const nan = murmurHash3x64_128(Uint8Array.of(0, 0, 0, 0, 0, 0, 0xf8, 0x7f));
    expect(hex(nan.h1)).toBe('15108889acbd31eb');
    expect(hex(nan.h2)).toBe('040acb1238903541');
  });

  it('skips the empty string (coupon 0 means no update)', () => {
    expect(couponOfString('')).toBe(0);
  });

  it('keeps int 1 and float 1.0 distinct, and hashes large and bigint integers exactly', () => {
    expect(couponOfInteger(1)).not.toBe(couponOfDouble(1));
    expect(couponOfInteger(2 ** 60)).toBe(couponOfInteger(2n ** 60n));
    expect(couponOfInteger(-(2 ** 63))).toBe(couponOfInteger(-(2n ** 63n)));
    expect(() => couponOfInteger(1.5)).toThrow(/value/);
    expect(() => couponOfInteger(2 ** 63)).toThrow(/value/);
  });

  it('hashes every tail length 0…40 the same as a BigInt reference implementation', () => {
    for (let length = 0; length <= 40; length++) {
      const bytes = Uint8Array.from({ length }, (_, index) => (index * 37 + length) & 0xff);
      const result = murmurHash3x64_128(bytes, 12345);
      const reference = referenceMurmur(bytes, 12345n);
      expect([hex(result.h1), hex(result.h2)]).toEqual([hex(reference[0]), hex(reference[1])]);
    }
  });

  it('hashes int64s and doubles on the 8-byte fast path exactly like the generic byte path', () => {
    let seed = 1;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let index = 0; index < 2000; index++) {
      const integer = Math.floor((next() - 0.5) * 2 ** (1 + Math.floor(next() * 63)));
      expect(couponOfInteger(integer)).toBe(couponOfBytes(int64Bytes(BigInt(integer))));
      const double = (next() - 0.5) * 10 ** Math.floor(next() * 40 - 20);
      expect(couponOfDouble(double)).toBe(couponOfBytes(doubleBytes(double)));
    }
  });

  it('encodes UTF-8 like TextEncoder, including astral characters and lone surrogates', () => {
    const samples = [
      '',
      'ascii',
      'café',
      'абвгд',
      '😀x😀',
      'a\uD800b',
      '\uDC00',
      'z\uD83D',
      '€'.repeat(30),
      'y'.repeat(100),
    ];
    for (const sample of samples) {
      const text = JSON.parse(`"${sample}"`) as string;
      const length = encodeUtf8(text);
      expect([...utf8Scratch().slice(0, length)]).toEqual([...encoder.encode(text)]);
    }
  });

  it('multiplies 64-bit words modulo 2^64', () => {
    const low = multiply64(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff);
    expect(toHex64(carry[0]!, low)).toBe('0000000000000001');
  });
});

// A direct BigInt transcription of MurmurHash3_x64_128, only to cross-check the 32-bit-limb version.
function referenceMurmur(bytes: Uint8Array, seed: bigint): [bigint, bigint] {
  const mask = (1n << 64n) - 1n;
  const rotl = (x: bigint, r: bigint) => ((x << r) | (x >> (64n - r))) & mask;
  const fmix = (k: bigint) => {
    k ^= k >> 33n;
    k = (k * 0xff51afd7ed558ccdn) & mask;
    k ^= k >> 33n;
    k = (k * 0xc4ceb9fe1a85ec53n) & mask;
    return k ^ (k >> 33n);
  };
  const c1 = 0x87c37b91114253d5n;
  const c2 = 0x4cf5ad432745937fn;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let h1 = seed;
  let h2 = seed;
  const blocks = Math.floor(bytes.length / 16);
  for (let block = 0; block < blocks; block++) {
    let k1 = view.getBigUint64(block * 16, true);
    let k2 = view.getBigUint64(block * 16 + 8, true);
    k1 = (rotl((k1 * c1) & mask, 31n) * c2) & mask;
    h1 ^= k1;
    h1 = (((rotl(h1, 27n) + h2) & mask) * 5n + 0x52dce729n) & mask;
    k2 = (rotl((k2 * c2) & mask, 33n) * c1) & mask;
    h2 ^= k2;
    h2 = (((rotl(h2, 31n) + h1) & mask) * 5n + 0x38495ab5n) & mask;
  }
  let k1 = 0n;
  let k2 = 0n;
  const tail = blocks * 16;
  const remainder = bytes.length & 15;
  for (let index = remainder - 1; index >= 8; index--)
    k2 ^= BigInt(bytes[tail + index]!) << BigInt(8 * (index - 8));
  if (remainder > 8) h2 ^= (rotl((k2 * c2) & mask, 33n) * c1) & mask;
  for (let index = Math.min(remainder, 8) - 1; index >= 0; index--)
    k1 ^= BigInt(bytes[tail + index]!) << BigInt(8 * index);
  if (remainder > 0) h1 ^= (rotl((k1 * c1) & mask, 31n) * c2) & mask;
  const length = BigInt(bytes.length);
  h1 ^= length;
  h2 ^= length;
  h1 = (h1 + h2) & mask;
  h2 = (h2 + h1) & mask;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = (h1 + h2) & mask;
  h2 = (h2 + h1) & mask;
  return [h1, h2];
}
