import { describe, expect, it } from 'vitest';
import { murmurHash3EightBytesInto, murmurHash3Into } from './murmur-hash3';
import { couponOfWord } from './murmur-hash3-word';
import { countLeadingZeros64 } from './uint64';

function referenceCoupon(high: number, low: number): number {
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, low, true);
  view.setUint32(4, high, true);
  const out = new Uint32Array(4);
  murmurHash3Into(bytes, 0, 8, 9001, out);
  const value = Math.min(countLeadingZeros64(out[2]!, out[3]!), 62) + 1;
  return ((value << 26) | (out[1]! & 0x3ffffff)) >>> 0;
}

describe('couponOfWord', () => {
  it('equals the coupon of the generic MurmurHash3 over the same 8 bytes', () => {
    const words: [number, number][] = [
      [0, 0],
      [0, 1],
      [0xffffffff, 0xffffffff],
      [0x7ff80000, 0],
      [0x80000000, 0],
      [0, 0xffffffff],
    ];
    let state = 987654321;
    const next = () => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return state >>> 0;
    };
    for (let index = 0; index < 20_000; index++) words.push([next(), next()]);
    const out = new Uint32Array(4);
    const mismatches: string[] = [];
    for (const [high, low] of words) {
      const coupon = couponOfWord(high, low);
      murmurHash3EightBytesInto(high, low, out);
      if (coupon !== referenceCoupon(high, low) || (coupon & 0x3ffffff) !== (out[1]! & 0x3ffffff))
        mismatches.push(`${high.toString(16)}:${low.toString(16)}`);
    }
    expect(mismatches).toEqual([]);
  });
});
