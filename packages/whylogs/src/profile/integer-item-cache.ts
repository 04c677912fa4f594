import type { FrequentStringsSketch } from '../sketches';
import { slotHashOfSafeInteger } from '../sketches/reverse-purge-hash-map';

/** Slots in the cache; a power of two (indexed by the value's low bits). */
const SIZE = 1 << 12;
const MASK = SIZE - 1;

/**
 * Frequent-items updates for int64 values: whylogs sends each as its decimal text. The sketch keeps integer
 * keys as numbers, so no text is built here; the slot hash of the text (libstdc++ hash of its digits) is the
 * remaining cost, and integer columns repeat values often, so a small direct-mapped cache keeps
 * (value → slot hash) and a hit skips the hash.
 */
export class IntegerItemCache {
  private readonly values = new Float64Array(SIZE).fill(Number.NaN);
  private readonly hashes = new Uint32Array(SIZE);

  /** `sketch.update(String(value))` for every value of `ints` (meant for safe integers), in order. */
  updateAll(sketch: FrequentStringsSketch, ints: Float64Array): void {
    if (!sketch.keepsIntegerTexts) {
      // A short maxItemCodePoints cuts the text, so the item is no longer the integer.
      for (let index = 0; index < ints.length; index++) sketch.update(String(ints[index]!));
      return;
    }
    const { values, hashes } = this;
    for (let index = 0; index < ints.length; index++) {
      const value = ints[index]!;
      const slot = value & MASK;
      let hash: number;
      if (values[slot] === value) hash = hashes[slot]!;
      else if (!Number.isSafeInteger(value)) {
        // Not an integer after all (callers may pass any double): the text path, uncached.
        sketch.update(String(value));
        continue;
      } else {
        hash = slotHashOfSafeInteger(value);
        values[slot] = value;
        hashes[slot] = hash;
      }
      sketch.updateSafeInteger(value, hash);
    }
  }
}
