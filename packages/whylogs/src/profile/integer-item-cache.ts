import type { FrequentStringsSketch, HllSketch } from '../sketches';
import { couponOfSafeInteger } from '../sketches/common/hash-values';
import { slotHashOfSafeInteger } from '../sketches/frequencies/reverse-purge-hash-map';

/** Slots in the cache; a power of two (indexed by the value's low bits). */
const SIZE = 1 << 12;
const MASK = SIZE - 1;

/**
 * Cardinality and frequent-items updates for the safe integers of an int64 column. whylogs sends each value to
 * the HLL as its int64 bytes and to frequent items as its decimal text. The frequent-items sketch keeps integer
 * keys as numbers, so no text is built; what remains per value is the slot hash of the text (libstdc++ hash of
 * its digits) and the HLL coupon. Integer columns repeat values often, so a small direct-mapped cache keeps
 * (value → slot hash): a hit skips the slot hash, and the HLL update entirely, since a value in the cache has
 * already been given to the HLL and a repeated value never changes an HLL (bit for bit).
 */
export class IntegerItemCache {
  private readonly values = new Float64Array(SIZE).fill(Number.NaN);
  private readonly hashes = new Uint32Array(SIZE);

  /**
   * `hll.updateInteger(value)` (if `hll`) and `sketch.update(String(value))` (if `sketch`) for every value of
   * `ints`, in order. The values must be safe integers; the frequent items also accept any other double.
   * A cache must always be used with the same sketches.
   */
  updateAll(sketch: FrequentStringsSketch | undefined, ints: Float64Array, hll?: HllSketch): void {
    const { values, hashes } = this;
    if (sketch === undefined || !sketch.keepsIntegerTexts) {
      // Only repeats for the HLL are cached then (the cache's mode is fixed by its sketch).
      if (hll) {
        for (let index = 0; index < ints.length; index++) {
          const value = ints[index]!;
          const slot = value & MASK;
          if (values[slot] === value) continue;
          values[slot] = value;
          hll.couponUpdate(couponOfSafeInteger(value));
        }
      }
      // A short maxItemCodePoints cuts the text, so the item is no longer the integer: text updates.
      if (sketch) for (let index = 0; index < ints.length; index++) sketch.update(String(ints[index]!));
      return;
    }
    for (let index = 0; index < ints.length; index++) {
      const value = ints[index]!;
      const slot = value & MASK;
      let hash: number;
      if (values[slot] === value) hash = hashes[slot]!;
      else if (!Number.isSafeInteger(value)) {
        // Not an integer after all: the text path, uncached (the HLL accepts safe integers only).
        if (hll) hll.couponUpdate(couponOfSafeInteger(value));
        sketch.update(String(value));
        continue;
      } else {
        hash = slotHashOfSafeInteger(value);
        values[slot] = value;
        hashes[slot] = hash;
        if (hll) hll.couponUpdate(couponOfSafeInteger(value));
      }
      sketch.updateSafeInteger(value, hash);
    }
  }
}
