import { FEEDBACK_PREFIX_LENGTH } from '../numeric/feedback-prefix-length';
import type { FrequentStringsSketch, HllSketch } from '../sketches';
import { couponOfSafeInteger } from '../sketches/common/hash-values';
import { HASH_KERNEL_SLICE, type HashKernel, wasmHashKernel } from '../sketches/common/wasm-hash-kernel';
import { slotHashOfSafeInteger } from '../sketches/frequencies/reverse-purge-hash-map';
import { IntegerValueCounts, MAX_DISTINCT_VALUES } from './integer-value-counts';

/** Slots in the cache; a power of two (indexed by the value's low bits). */
const SIZE = 1 << 12;
const MASK = SIZE - 1;
/** Counting first pays when the frequent items can take at least this many new items without a purge. */
const MIN_COUNTED_DISTINCT = 16;
/** Values per `updateEach` call. */
const SLICE_LENGTH = 4096;

/**
 * Cardinality and frequent-items updates for the safe integers of an int64 column. whylogs sends each value to
 * the HLL as its int64 bytes and to frequent items as its decimal text. The frequent-items sketch keeps integer
 * keys as numbers, so no text is built; what remains per value is the slot hash of the text (libstdc++ hash of
 * its digits) and the HLL coupon. Integer columns repeat values often, so a small direct-mapped cache keeps
 * (value → slot hash): a hit skips the slot hash, and the HLL update entirely, since a value in the cache has
 * already been given to the HLL and a repeated value never changes an HLL (bit for bit).
 *
 * Low-cardinality columns go further: a run of values is first counted (`IntegerValueCounts`), then each
 * distinct value updates the sketches once, in order of first occurrence, the frequent items with its count as
 * the weight. That is bit for bit the per-value result as long as the run cannot make the frequent items purge
 * (before a purge their state depends only on the order items first appear and on their totals), so a run is
 * counted only while its distinct values fit the sketch's room; the rest of the batch goes value by value.
 */
export class IntegerItemCache {
  private readonly values = new Float64Array(SIZE).fill(Number.NaN);
  private readonly hashes = new Uint32Array(SIZE);
  private counts: IntegerValueCounts | undefined;

  /**
   * `hll.updateInteger(value)` (if `hll`) and `sketch.update(String(value))` (if `sketch`) for every value of
   * `ints`, in order. The values must be safe integers; the frequent items also accept any other double.
   * A cache must always be used with the same sketches.
   */
  updateAll(sketch: FrequentStringsSketch | undefined, ints: Float64Array, hll?: HllSketch): void {
    const counted = sketch?.keepsIntegerTexts ? this.updateByCounts(sketch, ints, hll) : 0;
    // In slices: a function called often is optimized (and re-optimized after a deopt) on its call count; one
    // long loop per batch relies on on-stack replacement, which V8 may not redo for a few calls (seen: the loop
    // left unoptimized for the rest of a 1M-row profile after a field-type deopt).
    for (let start = counted; start < ints.length; start += SLICE_LENGTH) {
      this.updateEach(sketch, ints, start, Math.min(ints.length, start + SLICE_LENGTH), hll);
    }
  }

  /** Counts a prefix of `ints` that cannot make `sketch` purge and applies it; returns the prefix length. */
  private updateByCounts(sketch: FrequentStringsSketch, ints: Float64Array, hll?: HllSketch): number {
    const room = Math.min(sketch.insertionsBeforePurge, MAX_DISTINCT_VALUES);
    if (room < MIN_COUNTED_DISTINCT) return 0;
    this.counts ??= new IntegerValueCounts();
    const counts = this.counts;
    // Counted in two calls (FEEDBACK_PREFIX_LENGTH): the count carries on where the first call stopped.
    const split = Math.min(ints.length, FEEDBACK_PREFIX_LENGTH);
    let counted = counts.count(ints, 0, split, room);
    if (counted === split && split < ints.length) counted = counts.count(ints, split, ints.length, room);
    for (let position = 0; position < counts.distinct; position++) {
      const value = counts.valueAt(position);
      if (hll) hll.couponUpdate(couponOfSafeInteger(value));
      sketch.updateSafeInteger(value, slotHashOfSafeInteger(value), counts.countAt(position));
    }
    counts.clear();
    return counted;
  }

  private updateEach(
    sketch: FrequentStringsSketch | undefined,
    ints: Float64Array,
    start: number,
    end: number,
    hll?: HllSketch,
  ): void {
    const { values, hashes } = this;
    if (sketch === undefined || !sketch.keepsIntegerTexts) {
      // Only repeats for the HLL are cached then (the cache's mode is fixed by its sketch).
      if (hll) {
        for (let index = start; index < end; index++) {
          const value = ints[index]!;
          const slot = value & MASK;
          if (values[slot] === value) continue;
          values[slot] = value;
          hll.couponUpdate(couponOfSafeInteger(value));
        }
      }
      // A short maxItemCodePoints cuts the text, so the item is no longer the integer: text updates.
      if (sketch) for (let index = start; index < end; index++) sketch.update(String(ints[index]!));
      return;
    }
    const kernel = wasmHashKernel();
    if (kernel) {
      this.updateEachHashed(kernel, sketch, ints, start, end, hll);
      return;
    }
    for (let index = start; index < end; index++) {
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

  /**
   * `updateEach` with every value's slot hash and coupon from the WebAssembly kernel, computed for the whole
   * slice: cheaper than even a cache hit's bookkeeping once hashing is native. The cache then only remembers
   * which values the HLL already has (its `hashes` stay unused: the mode is fixed for the process).
   */
  private updateEachHashed(
    kernel: HashKernel,
    sketch: FrequentStringsSketch,
    ints: Float64Array,
    start: number,
    end: number,
    hll?: HllSketch,
  ): void {
    const { values } = this;
    const { coupons, slotHashes } = kernel;
    for (let sliceStart = start; sliceStart < end; sliceStart += HASH_KERNEL_SLICE) {
      const sliceEnd = Math.min(end, sliceStart + HASH_KERNEL_SLICE);
      kernel.input.set(ints.subarray(sliceStart, sliceEnd));
      kernel.integerItems(sliceEnd - sliceStart);
      for (let index = sliceStart; index < sliceEnd; index++) {
        const value = ints[index]!;
        if (!Number.isSafeInteger(value)) {
          // Not an integer after all: the text path (the kernel's hashes of such values are junk).
          if (hll) hll.couponUpdate(couponOfSafeInteger(value));
          sketch.update(String(value));
          continue;
        }
        if (hll) {
          const slot = value & MASK;
          if (values[slot] !== value) {
            values[slot] = value;
            hll.couponUpdate(coupons[index - sliceStart]!);
          }
        }
        sketch.updateSafeInteger(value, slotHashes[index - sliceStart]!);
      }
    }
  }
}
