import { carry, finalizeMix64, multiply64 } from './uint64';

// libstdc++'s `std::hash<std::string>` (`_Hash_bytes` with seed 0xc70f6907, 64-bit size_t), which decides the
// slot order of frequent-items sketches written by the Linux whylogs-sketching wheels. Emulating it makes our
// frequent-strings bytes identical to Linux Python's (macOS wheels use libc++'s CityHash instead).

const MUL_HIGH = 0xc6a4a793;
const MUL_LOW = 0x5bd1e995;
const SEED = 0xc70f6907;

/** Low word of `_Hash_bytes(bytes[0, length), seed)`; the high word is left in `carry[0]!`. */
export function libstdcxxHashBytes(bytes: Uint8Array, length: number): number {
  // hash = seed ^ (len * mul)
  let low = multiply64(0, length >>> 0, MUL_HIGH, MUL_LOW);
  let high = carry[0]!;
  low = (low ^ SEED) >>> 0;
  const alignedLength = length & ~7;
  for (let offset = 0; offset < alignedLength; offset += 8) {
    const wordLow =
      (bytes[offset]! |
        (bytes[offset + 1]! << 8) |
        (bytes[offset + 2]! << 16) |
        (bytes[offset + 3]! << 24)) >>>
      0;
    const wordHigh =
      (bytes[offset + 4]! |
        (bytes[offset + 5]! << 8) |
        (bytes[offset + 6]! << 16) |
        (bytes[offset + 7]! << 24)) >>>
      0;
    // data = shift_mix(word * mul) * mul
    let dataLow = multiply64(wordHigh, wordLow, MUL_HIGH, MUL_LOW);
    let dataHigh = carry[0]!;
    dataLow = (dataLow ^ (dataHigh >>> 15)) >>> 0;
    dataLow = multiply64(dataHigh, dataLow, MUL_HIGH, MUL_LOW);
    dataHigh = carry[0]!;
    high = (high ^ dataHigh) >>> 0;
    low = (low ^ dataLow) >>> 0;
    low = multiply64(high, low, MUL_HIGH, MUL_LOW);
    high = carry[0]!;
  }
  const tail = length & 7;
  if (tail !== 0) {
    let dataLow = 0;
    let dataHigh = 0;
    for (let index = tail - 1; index >= 0; index--) {
      const byte = bytes[alignedLength + index]!;
      if (index >= 4) dataHigh = (dataHigh << 8) | byte;
      else dataLow = (dataLow << 8) | byte;
    }
    high = (high ^ dataHigh) >>> 0;
    low = (low ^ dataLow) >>> 0;
    low = multiply64(high, low, MUL_HIGH, MUL_LOW);
    high = carry[0]!;
  }
  // hash = shift_mix(shift_mix(hash) * mul)
  low = (low ^ (high >>> 15)) >>> 0;
  low = multiply64(high, low, MUL_HIGH, MUL_LOW);
  high = carry[0]!;
  low = (low ^ (high >>> 15)) >>> 0;
  carry[0] = high;
  return low;
}

/**
 * The frequent-items map's probe start for a key: fmix64(std::hash(key)); the map masks the low bits. Returns
 * the low 32 bits, which is all a table of ≤ 2^32 slots needs.
 */
export function frequentItemsSlotHash(bytes: Uint8Array, length: number): number {
  const low = libstdcxxHashBytes(bytes, length);
  return finalizeMix64(carry[0]!, low);
}
