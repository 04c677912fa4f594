/** Values remembered per filter; past this the filter only answers for values it already holds. */
const CAPACITY = 1 << 16;
/** After this many lookups the filter judges whether repeats are common enough to pay for it. */
const TRIAL = 1 << 14;

/**
 * Remembers values already fed to an HLL sketch so repeats can skip hashing. Feeding a value twice never
 * changes an HLL (a repeated coupon is ignored in LIST/SET mode and cannot raise a register), so skipping
 * repeats gives the same sketch bit for bit. The filter switches itself off when values are mostly unique,
 * where lookups would cost more than they save.
 */
export class RepeatFilter<Value extends number | string> {
  private seen: Set<Value> | null = new Set();
  private lookups = 0;
  private hits = 0;

  /** True when `value` must go to the sketch (not seen before, or the filter is off). */
  isNew(value: Value): boolean {
    const seen = this.seen;
    if (seen === null) return true;
    this.lookups++;
    if (seen.has(value)) {
      this.hits++;
      return false;
    }
    if (seen.size < CAPACITY) seen.add(value);
    // Mostly-unique values: stop looking (checked once per trial window, cheap to re-check).
    if (this.lookups % TRIAL === 0 && this.hits * 4 < this.lookups) this.seen = null;
    return true;
  }
}
