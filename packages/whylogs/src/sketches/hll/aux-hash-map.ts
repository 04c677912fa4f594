import { sketchError } from '../common/sketch-error';
import { SketchStateError } from '../common/sketch-state-error';
import { computeLgArrayInts, couponLow26, couponValue, HllMode, pairOf } from './hll-constants';

/**
 * The HLL_4 exception table: open addressing over (slot, value) pairs for registers whose value does not fit
 * the 4-bit nibble (value − curMin ≥ 15). Port of the fork's `AuxHashMap-internal.hpp`.
 */
export class AuxHashMap {
  lgAuxArrayInts: number;
  auxCount = 0;
  entries: Uint32Array;
  private readonly lgConfigK: number;

  constructor(lgAuxArrayInts: number, lgConfigK: number) {
    this.lgAuxArrayInts = lgAuxArrayInts;
    this.lgConfigK = lgConfigK;
    this.entries = new Uint32Array(1 << lgAuxArrayInts);
  }

  copy(): AuxHashMap {
    const copy = new AuxHashMap(this.lgAuxArrayInts, this.lgConfigK);
    copy.auxCount = this.auxCount;
    copy.entries = this.entries.slice();
    return copy;
  }

  /** Index of the entry for `slot` (≥ 0), or ~index of the empty cell where it would go. */
  private find(entries: Uint32Array, lgAuxArrayInts: number, slot: number): number {
    const auxMask = (1 << lgAuxArrayInts) - 1;
    const configKMask = (1 << this.lgConfigK) - 1;
    let probe = slot & auxMask;
    const loopIndex = probe;
    do {
      const value = entries[probe]!;
      if (value === 0) return ~probe;
      if (slot === (value & configKMask)) return probe;
      const stride = (slot >>> lgAuxArrayInts) | 1;
      probe = (probe + stride) & auxMask;
    } while (probe !== loopIndex);
    throw new SketchStateError({ field: 'hll.auxMap', message: 'key not found and no empty slots' });
  }

  mustAdd(slot: number, value: number): void {
    const index = this.find(this.entries, this.lgAuxArrayInts, slot);
    if (index >= 0)
      throw new SketchStateError({ field: 'hll.auxMap', message: `slot ${slot} is already present` });
    this.entries[~index] = pairOf(slot, value);
    this.auxCount++;
    if (4 * this.auxCount > 3 * (1 << this.lgAuxArrayInts)) this.grow();
  }

  mustFindValueFor(slot: number): number {
    const index = this.find(this.entries, this.lgAuxArrayInts, slot);
    if (index < 0) throw new SketchStateError({ field: 'hll.auxMap', message: `slot ${slot} not found` });
    return couponValue(this.entries[index]!);
  }

  mustReplace(slot: number, value: number): void {
    const index = this.find(this.entries, this.lgAuxArrayInts, slot);
    if (index < 0) throw new SketchStateError({ field: 'hll.auxMap', message: `slot ${slot} not found` });
    this.entries[index] = pairOf(slot, value);
  }

  private grow(): void {
    const configKMask = (1 << this.lgConfigK) - 1;
    this.lgAuxArrayInts++;
    const grown = new Uint32Array(1 << this.lgAuxArrayInts);
    for (const fetched of this.entries) {
      if (fetched !== 0) grown[~this.find(grown, this.lgAuxArrayInts, fetched & configKMask)] = fetched;
    }
    this.entries = grown;
  }

  /** Non-empty entries in table order (the compact serialization order). */
  *pairs(): IterableIterator<number> {
    for (const entry of this.entries) if (entry !== 0) yield entry;
  }

  /** Rebuilds a map from serialized pairs: a compact list or a whole updatable table (zeros skipped). */
  static fromPairs(
    pairs: Uint32Array,
    lgConfigK: number,
    auxCount: number,
    lgAuxArrayInts: number,
  ): AuxHashMap {
    const configKMask = (1 << lgConfigK) - 1;
    const map = new AuxHashMap(lgAuxArrayInts, lgConfigK);
    for (const pair of pairs) {
      if (pair !== 0) map.mustAdd(couponLow26(pair) & configKMask, couponValue(pair));
    }
    if (map.auxCount !== auxCount)
      throw sketchError(
        'hll.auxCount',
        `the preamble says ${auxCount} aux entries, the data holds ${map.auxCount}`,
      );
    return map;
  }

  static lgSizeForCompact(auxCount: number, lgConfigK: number): number {
    return computeLgArrayInts(HllMode.Hll, auxCount, lgConfigK);
  }
}
