import type { FrequentStringsSketch } from '../sketches';
import { slotHashOf } from '../sketches/reverse-purge-hash-map';

/** Slots in the cache; a power of two (indexed by the value's low bits). */
const SIZE = 1 << 12;
const MASK = SIZE - 1;

/**
 * Frequent-items updates for int64 values: whylogs sends each as its decimal text, which costs a string
 * format, a UTF-8 encode and a hash per value. Integer columns repeat values often, so a small direct-mapped
 * cache keeps (value → text, slot hash) and a hit skips all three; the sketch gets the same item and hash.
 */
export class IntegerItemCache {
  private readonly values = new Float64Array(SIZE).fill(Number.NaN);
  private readonly texts = new Array<string>(SIZE).fill('');
  private readonly hashes = new Uint32Array(SIZE);

  /** `sketch.update(String(value))` for every safe integer of `ints`, in order. */
  updateAll(sketch: FrequentStringsSketch, ints: Float64Array): void {
    const { values, texts, hashes } = this;
    for (let index = 0; index < ints.length; index++) {
      const value = ints[index]!;
      const slot = value & MASK;
      if (values[slot] === value) {
        sketch.updatePrehashed(texts[slot]!, hashes[slot]!);
        continue;
      }
      const text = sketch.truncateItem(String(value));
      const hash = slotHashOf(text);
      values[slot] = value;
      texts[slot] = text;
      hashes[slot] = hash;
      sketch.updatePrehashed(text, hash);
    }
  }
}
