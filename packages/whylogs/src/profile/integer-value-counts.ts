/** Slots in the table; a power of two, four times the most distinct values a batch may hold. */
const SIZE = 1 << 12;
const MASK = SIZE - 1;
/** The most distinct values one `count` call collects. */
export const MAX_DISTINCT_VALUES = SIZE >> 2;

/**
 * How often each distinct safe integer occurs in a run of an int64 column, with the distinct values in order of
 * first occurrence: low-cardinality columns then update their sketches once per distinct value (with a weight)
 * instead of once per row. An open-addressing table keyed by the value; it is emptied after each run.
 */
export class IntegerValueCounts {
  private readonly keys = new Float64Array(SIZE).fill(Number.NaN);
  private readonly counts = new Float64Array(SIZE);
  /** Slots of the distinct values in order of first occurrence. */
  private readonly order = new Int32Array(MAX_DISTINCT_VALUES);
  /** Distinct values counted so far. */
  distinct = 0;

  /**
   * Counts `ints[start, end)` and returns `end`, or stops at (and returns) the first index whose value is not a
   * safe integer or would be distinct value number `limit + 1` (`limit` ≤ MAX_DISTINCT_VALUES).
   */
  count(ints: Float64Array, start: number, end: number, limit: number): number {
    const { keys, counts, order } = this;
    let distinct = this.distinct;
    for (let index = start; index < end; index++) {
      const value = ints[index]!;
      // Fibonacci hashing of the low 32 bits: consecutive integers land far apart.
      let slot = Math.imul(value | 0, 0x9e3779b1) >>> 20;
      for (;;) {
        const key = keys[slot]!;
        // −0 and 0 share a slot: both are the item "0" and the same HLL coupon.
        if (key === value) {
          counts[slot]!++;
          break;
        }
        if (Number.isNaN(key)) {
          // An empty slot (NaN): a new distinct value.
          if (distinct === limit || !Number.isSafeInteger(value)) {
            this.distinct = distinct;
            return index;
          }
          keys[slot] = value;
          counts[slot] = 1;
          order[distinct++] = slot;
          break;
        }
        slot = (slot + 1) & MASK;
      }
    }
    this.distinct = distinct;
    return end;
  }

  /** The `position`-th distinct value in order of first occurrence. */
  valueAt(position: number): number {
    return this.keys[this.order[position]!]!;
  }

  /** How often the `position`-th distinct value occurred. */
  countAt(position: number): number {
    return this.counts[this.order[position]!]!;
  }

  /** Forgets every value (only the used slots are touched). */
  clear(): void {
    for (let position = 0; position < this.distinct; position++)
      this.keys[this.order[position]!] = Number.NaN;
    this.distinct = 0;
  }
}
