import { sketchError } from '../common/sketch-error';
import { SketchStateError } from '../common/sketch-state-error';
import { halveByCounting } from './halve-by-counting';
import type { KllBuffers, KllState } from './kll-buffers';
import {
  computeTotalCapacity,
  copyReversed,
  extremes,
  findExtremes,
  KLL_MIN_WIDTH,
  levelCapacity,
  mathRandomBit,
  mergeSortedInPlace,
  type RandomBit,
  randomlyHalveDown,
  randomlyHalveUp,
  sumSampleWeights,
} from './kll-helper';
import { INTEGER_LEVELS_WIDTH, IntegerLevels } from './kll-integer-levels';
import { mergeHigherLevels } from './kll-merge';
import { pmfOrCdf } from './kll-pmf';
import { deserializeKll, emptyKllState, type KllSerializeOptions, serializeKll } from './kll-serialization';
import { KllSortedView } from './kll-sorted-view';
import { COUNTING_SPAN_FLOOR, COUNTING_SPAN_PER_ITEM, sortRange } from './sort-range';

/** whylogs' KLL k since 1.0.7 (`MetricConfig.kll_k` with `large_kll_k`). */
export const WHYLOGS_KLL_K = 1024;
const MIN_K = KLL_MIN_WIDTH;
const MAX_K = 65535;

export interface KllDoublesSketchOptions {
  /** Accuracy parameter, 8…65535. Default 1024 (whylogs' default; DataSketches' own default is 200). No env var. */
  k?: number;
  /**
   * Compaction coin flip, returning 0 or 1. Default: Math.random. Pass `createAlternatingBits()` to reproduce
   * the fork's deterministic KLL_VALIDATION build bit for bit. No env var.
   */
  randomBit?: RandomBit | undefined;
}

/**
 * KLL quantiles sketch of doubles, compatible with the whylogs-sketching fork (`kll_doubles_sketch`): same
 * buffer layout, compaction and exclusive-rank queries, and the fork's preamble-ints-6 serialization.
 */
export class KllDoublesSketch implements KllBuffers {
  /** @internal */ k: number;
  /** @internal */ minK: number;
  /** @internal */ nItems: number;
  /** @internal */ numLevels: number;
  /** @internal */ levels: Uint32Array;
  /** @internal */ items: Float64Array;
  /** @internal */ minValue: number;
  /** @internal */ maxValue: number;
  /** @internal */ isLevelZeroSorted: boolean;
  /** @internal */ readonly randomBit: RandomBit;
  /** Level capacities for `capacitiesNumLevels` levels, recomputed when the level count changes. */
  private capacities = new Uint32Array(0);
  private capacitiesNumLevels = -1;
  /**
   * True while every value the sketch was given is an integer other than −0 (`updateAllIntegers` keeps it, every
   * other update clears it). Without NaN or −0 every correct sort gives the same array, so level 0 is then sorted
   * and halved by counting between the sketch's extremes when they are close (low-cardinality int columns), with
   * no scan to classify it first and no write of the half a compaction drops.
   */
  private integersOnly: boolean;
  /**
   * While the sketch has only seen integers within a narrow range: its levels above 0 as histograms (see
   * `IntegerLevels`), their places in `items` stale. Anything that reads the levels calls `writeLevels` first.
   */
  private integerLevels: IntegerLevels | null = null;

  private constructor(state: KllState, randomBit: RandomBit) {
    this.k = state.k;
    this.minK = state.minK;
    this.nItems = state.n;
    this.numLevels = state.numLevels;
    this.levels = state.levels;
    this.items = state.items;
    this.minValue = state.minValue;
    this.maxValue = state.maxValue;
    this.isLevelZeroSorted = state.isLevelZeroSorted;
    this.randomBit = randomBit;
    this.integersOnly = state.n === 0;
  }

  /** An empty sketch. */
  static create(options: KllDoublesSketchOptions = {}): KllDoublesSketch {
    const k = options.k ?? WHYLOGS_KLL_K;
    if (!Number.isInteger(k) || k < MIN_K || k > MAX_K) {
      throw sketchError('options.k', `must be an integer from ${MIN_K} to ${MAX_K}, got ${k}`);
    }
    if (options.randomBit !== undefined && typeof options.randomBit !== 'function') {
      throw sketchError('options.randomBit', 'must be a function returning 0 or 1');
    }
    return new KllDoublesSketch(emptyKllState(k), options.randomBit ?? mathRandomBit);
  }

  /** @internal */
  static fromState(state: KllState, randomBit: RandomBit = mathRandomBit): KllDoublesSketch {
    return new KllDoublesSketch(state, randomBit);
  }

  /**
   * Reads a KLL doubles sketch: the fork's preamble-ints 6, upstream / whylogs < 1.0.3 preamble-ints 5,
   * the 8-byte empty form and both single-item forms (flag or Java serial version 2). Throws a typed error on
   * corrupt or truncated input.
   */
  static deserialize(
    bytes: Uint8Array,
    options: Pick<KllDoublesSketchOptions, 'randomBit'> = {},
  ): KllDoublesSketch {
    return new KllDoublesSketch(deserializeKll(bytes, 8), options.randomBit ?? mathRandomBit);
  }

  /** Reads a KLL *floats* sketch (Java / upstream layout, 4-byte items) and widens it to doubles. */
  static deserializeFloats(
    bytes: Uint8Array,
    options: Pick<KllDoublesSketchOptions, 'randomBit'> = {},
  ): KllDoublesSketch {
    return new KllDoublesSketch(deserializeKll(bytes, 4), options.randomBit ?? mathRandomBit);
  }

  /** Serializes like the fork: 8 bytes when empty, 16 for one item, else preamble-ints 6 (data from byte 24). */
  serialize(options: KllSerializeOptions = {}): Uint8Array {
    this.writeLevels();
    return serializeKll(this, options);
  }

  /** A deep copy (same coin source). */
  clone(): KllDoublesSketch {
    this.writeLevels();
    return new KllDoublesSketch(
      {
        k: this.k,
        minK: this.minK,
        n: this.nItems,
        numLevels: this.numLevels,
        levels: this.levels.slice(),
        items: this.items.slice(),
        minValue: this.minValue,
        maxValue: this.maxValue,
        isLevelZeroSorted: this.isLevelZeroSorted,
      },
      this.randomBit,
    );
  }

  get n(): number {
    return this.nItems;
  }

  get isEmpty(): boolean {
    return this.nItems === 0;
  }

  /** True once the sketch has compacted (more than one level). */
  get isEstimationMode(): boolean {
    return this.numLevels > 1;
  }

  get numRetained(): number {
    return this.levels[this.numLevels]! - this.levels[0]!;
  }

  /** Smallest value seen; NaN when empty. */
  get min(): number {
    return this.nItems === 0 ? Number.NaN : this.minValue;
  }

  /** Largest value seen; NaN when empty. */
  get max(): number {
    return this.nItems === 0 ? Number.NaN : this.maxValue;
  }

  /** Adds a value. NaN is ignored (as in the fork); ±Infinity is kept. */
  update(value: number): void {
    if (typeof value !== 'number') throw sketchError('value', `expected a number, got ${typeof value}`);
    if (Number.isNaN(value)) return;
    if (this.nItems === 0) {
      this.minValue = value;
      this.maxValue = value;
    } else {
      if (value < this.minValue) this.minValue = value;
      if (this.maxValue < value) this.maxValue = value;
    }
    // Compute the index first: internalUpdate may replace `this.items` with a grown buffer.
    const index = this.internalUpdate();
    this.items[index] = value;
  }

  /**
   * Adds `values[start, end)` in order; the result is identical to calling `update` on each (same buffers,
   * same coin flips), but level 0 is filled in runs between compactions instead of one call per value.
   */
  updateAll(values: Float64Array, start = 0, end = values.length): void {
    if (start >= end) return;
    this.integersOnly = false;
    // Without NaN (the usual case) the extremes come from one scan and level 0 is filled by plain copies: small
    // loops of their own, which V8 optimizes early in a fresh process, where most of a short job is spent.
    if (!findExtremes(values, start, end)) {
      this.updateAllSkippingNaN(values, start, end);
      return;
    }
    this.fillWithExtremes(values, start, end, extremes[0]!, extremes[1]!);
  }

  /**
   * @internal `updateAll` for a NaN-free range whose extremes the caller found (with `findExtremes`' rule: the
   * first of equal extremes wins), so the range is not scanned again.
   */
  updateAllWithExtremes(values: Float64Array, min: number, max: number): void {
    this.integersOnly = false;
    if (values.length > 0) this.fillWithExtremes(values, 0, values.length, min, max);
  }

  /**
   * @internal `updateAllWithExtremes` for values the caller knows are integers, none of them −0. Same result;
   * while a sketch only ever gets such values, its level-0 compactions count instead of sorting.
   */
  updateAllIntegers(values: Float64Array, min: number, max: number): void {
    if (values.length > 0) this.fillWithExtremes(values, 0, values.length, min, max);
  }

  private fillWithExtremes(values: Float64Array, start: number, end: number, min: number, max: number): void {
    // Strict comparisons, as one-by-one updates make them: of equal extremes (±0), the earlier one stays.
    if (this.nItems === 0) {
      this.minValue = min;
      this.maxValue = max;
    } else {
      if (min < this.minValue) this.minValue = min;
      if (this.maxValue < max) this.maxValue = max;
    }
    let index = start;
    while (index < end) {
      if (this.levels[0] === 0) this.compressWhileUpdating();
      const free = this.levels[0]!;
      const count = Math.min(free, end - index);
      copyReversed(values, index, count, this.items, free);
      this.levels[0] = free - count;
      this.nItems += count;
      this.isLevelZeroSorted = false;
      index += count;
    }
  }

  private updateAllSkippingNaN(values: Float64Array, start: number, end: number): void {
    let index = start;
    let min = this.minValue;
    let max = this.maxValue;
    let added = 0;
    while (index < end) {
      // Skip NaNs first: a compaction happens only when a real value needs the room.
      while (index < end && Number.isNaN(values[index]!)) index++;
      if (index === end) break;
      if (this.nItems + added === 0) {
        min = values[index]!;
        max = min;
      }
      if (this.levels[0] === 0) {
        this.nItems += added;
        added = 0;
        this.compressWhileUpdating();
      }
      const items = this.items;
      let free = this.levels[0]!;
      while (free > 0 && index < end) {
        const value = values[index++]!;
        if (Number.isNaN(value)) continue;
        if (value < min) min = value;
        if (max < value) max = value;
        items[--free] = value;
        added++;
      }
      this.levels[0] = free;
      this.isLevelZeroSorted = false;
    }
    this.nItems += added;
    this.minValue = min;
    this.maxValue = max;
  }

  /** @internal Makes room (compacting if full) and returns the index for the next level-0 item. */
  internalUpdate(): number {
    this.integersOnly = false;
    if (this.levels[0] === 0) this.compressWhileUpdating();
    this.nItems++;
    this.isLevelZeroSorted = false;
    return --this.levels[0]!;
  }

  private compressWhileUpdating(): void {
    const level = this.findLevelToCompact();
    if (level === this.numLevels - 1) this.addEmptyTopLevel();
    const integerLevels = this.integerLevelsForCompaction();
    if (integerLevels !== null) {
      this.compressIntegerLevel(integerLevels, level);
      return;
    }
    const levels = this.levels;
    const items = this.items;
    const rawBegin = levels[level]!;
    const rawLimit = levels[level + 1]!;
    const populationAbove = levels[level + 2]! - rawLimit;
    const rawPopulation = rawLimit - rawBegin;
    const oddPopulation = (rawPopulation & 1) === 1;
    const adjustedBegin = oddPopulation ? rawBegin + 1 : rawBegin;
    const adjustedPopulation = oddPopulation ? rawPopulation - 1 : rawPopulation;
    const halfAdjustedPopulation = adjustedPopulation / 2;

    const unsortedLevelZero = level === 0 && !this.isLevelZeroSorted;
    const span = this.maxValue - this.minValue;
    if (
      unsortedLevelZero &&
      this.integersOnly &&
      span <= COUNTING_SPAN_PER_ITEM * adjustedPopulation + COUNTING_SPAN_FLOOR
    ) {
      // Sort and halving in one counting pass (same items, same coin flip); the half dropped is never written.
      const offset = this.randomBit();
      // randomlyHalveUp keeps sorted positions of parity 1 − offset (length is even) into the top half;
      // randomlyHalveDown those of parity offset into the bottom half.
      const up = populationAbove === 0;
      halveByCounting(
        items,
        adjustedBegin,
        adjustedPopulation,
        this.minValue,
        span,
        up ? 1 - offset : offset,
        up ? adjustedBegin + halfAdjustedPopulation : adjustedBegin,
      );
    } else {
      if (unsortedLevelZero) sortRange(items, adjustedBegin, adjustedBegin + adjustedPopulation);
      if (populationAbove === 0) randomlyHalveUp(items, adjustedBegin, adjustedPopulation, this.randomBit);
      else randomlyHalveDown(items, adjustedBegin, adjustedPopulation, this.randomBit);
    }
    if (populationAbove > 0) {
      mergeSortedInPlace(
        items,
        adjustedBegin,
        halfAdjustedPopulation,
        rawLimit,
        populationAbove,
        adjustedBegin + halfAdjustedPopulation,
      );
    }
    levels[level + 1] = levels[level + 1]! - halfAdjustedPopulation;
    if (oddPopulation) {
      levels[level] = levels[level + 1]! - 1;
      items[levels[level]!] = items[rawBegin]!;
    } else {
      levels[level] = levels[level + 1]!;
    }
    if (level > 0) {
      // Shift the levels below up to free space for level 0.
      const amount = rawBegin - levels[0]!;
      items.copyWithin(levels[0]! + halfAdjustedPopulation, levels[0]!, levels[0]! + amount);
      for (let lower = 0; lower < level; lower++) levels[lower] = levels[lower]! + halfAdjustedPopulation;
    }
  }

  /** The histogram levels for the next compaction: entered or left as the sketch's values allow. */
  private integerLevelsForCompaction(): IntegerLevels | null {
    const current = this.integerLevels;
    if (current !== null) {
      if (this.integersOnly && current.covers(this.minValue, this.maxValue)) return current;
      this.writeLevels();
    }
    if (!this.integersOnly || this.maxValue - this.minValue >= INTEGER_LEVELS_WIDTH) return null;
    this.integerLevels = IntegerLevels.build(this.items, this.levels, this.numLevels, this.minValue);
    return this.integerLevels;
  }

  /** Puts the histogram levels back into `items` and leaves that mode (a no-op outside it). */
  private writeLevels(): void {
    if (this.integerLevels === null) return;
    this.integerLevels.writeTo(this.items, this.levels, this.numLevels);
    this.integerLevels = null;
  }

  /**
   * `compressWhileUpdating` on histogram levels: the same coin flip, level sizes and level-0 items as the
   * buffer version; the levels above 0 change as counts (level 0, in the buffer, moves as it would).
   */
  private compressIntegerLevel(integerLevels: IntegerLevels, level: number): void {
    integerLevels.ensureLevels(this.numLevels);
    const levels = this.levels;
    const items = this.items;
    const levelZeroBegin = levels[0]!;
    const levelZeroEnd = levels[1]!;
    const rawBegin = levels[level]!;
    const rawLimit = levels[level + 1]!;
    const populationAbove = levels[level + 2]! - rawLimit;
    const rawPopulation = rawLimit - rawBegin;
    // Arithmetic rather than branches on the parity: code that only odd populations run had no type feedback
    // when V8 optimized this, and deoptimized it.
    const oddItem = rawPopulation & 1;
    const adjustedBegin = rawBegin + oddItem;
    const adjustedPopulation = rawPopulation - oddItem;
    const halfAdjustedPopulation = adjustedPopulation / 2;
    // randomlyHalveUp keeps sorted positions of parity 1 − offset, randomlyHalveDown those of parity offset.
    const offset = this.randomBit();
    const parity = populationAbove === 0 ? 1 - offset : offset;
    if (level === 0) {
      integerLevels.halveLevelZero(
        items,
        adjustedBegin,
        adjustedPopulation,
        parity,
        this.minValue,
        this.maxValue,
      );
    } else {
      integerLevels.compact(level, oddItem === 1, parity, this.minValue, this.maxValue);
    }
    levels[level + 1] = levels[level + 1]! - halfAdjustedPopulation;
    levels[level] = levels[level + 1]! - oddItem;
    // Level 0's odd item stays in the buffer; a higher level's (its smallest) stays in its row.
    if (level === 0 && oddItem === 1) items[levels[0]!] = items[rawBegin]!;
    if (level > 0) {
      // Shift the levels below up to free space for level 0: only level 0 is in the buffer.
      items.copyWithin(levelZeroBegin + halfAdjustedPopulation, levelZeroBegin, levelZeroEnd);
      for (let lower = 0; lower < level; lower++) levels[lower] = levels[lower]! + halfAdjustedPopulation;
    }
  }

  private findLevelToCompact(): number {
    if (this.capacitiesNumLevels !== this.numLevels) {
      this.capacities = new Uint32Array(this.numLevels);
      for (let level = 0; level < this.numLevels; level++)
        this.capacities[level] = levelCapacity(this.k, this.numLevels, level);
      this.capacitiesNumLevels = this.numLevels;
    }
    const capacities = this.capacities;
    for (let level = 0; level < this.numLevels; level++) {
      const population = this.levels[level + 1]! - this.levels[level]!;
      if (population >= capacities[level]!) return level;
    }
    throw new SketchStateError({ field: 'kll.capacity', message: 'capacity calculation error' });
  }

  private addEmptyTopLevel(): void {
    const currentCapacity = this.levels[this.numLevels]!;
    if (this.levels.length < this.numLevels + 2) {
      const grown = new Uint32Array(this.numLevels + 2);
      grown.set(this.levels.subarray(0, this.numLevels + 1));
      this.levels = grown;
    }
    const deltaCapacity = levelCapacity(this.k, this.numLevels + 1, 0);
    const newCapacity = currentCapacity + deltaCapacity;
    const grownItems = new Float64Array(newCapacity);
    grownItems.set(this.items.subarray(0, currentCapacity), deltaCapacity);
    this.items = grownItems;
    for (let level = 0; level <= this.numLevels; level++)
      this.levels[level] = this.levels[level]! + deltaCapacity;
    this.numLevels++;
    this.levels[this.numLevels] = newCapacity;
  }

  /**
   * Merges `other` into this sketch (the fork's `merge`): other's level 0 goes through the update path, then
   * higher levels are combined with a general compaction. Uses coin flips, like the C++.
   */
  merge(other: KllDoublesSketch): void {
    if (!(other instanceof KllDoublesSketch)) throw sketchError('other', 'expected a KllDoublesSketch');
    if (other.nItems === 0) return;
    this.integersOnly = false;
    this.writeLevels();
    other.writeLevels();
    if (other === this) other = this.clone();
    if (this.nItems === 0) {
      this.minValue = other.minValue;
      this.maxValue = other.maxValue;
    } else {
      if (other.minValue < this.minValue) this.minValue = other.minValue;
      if (this.maxValue < other.maxValue) this.maxValue = other.maxValue;
    }
    const finalN = this.nItems + other.nItems;
    for (let index = other.levels[0]!; index < other.levels[1]!; index++) {
      const target = this.internalUpdate();
      this.items[target] = other.items[index]!;
    }
    if (other.numLevels >= 2) mergeHigherLevels(this, other, finalN);
    this.nItems = finalN;
    if (other.numLevels > 1) this.minK = Math.min(this.minK, other.minK);
    if (sumSampleWeights(this.numLevels, this.levels) !== this.nItems) {
      throw new SketchStateError({ field: 'kll.n', message: 'merge produced an inconsistent total weight' });
    }
  }

  /** @internal Population of `level` (0 above the top level). */
  levelSize(level: number): number {
    return level >= this.numLevels ? 0 : this.levels[level + 1]! - this.levels[level]!;
  }

  /** @internal Sorts level 0 in place and flags it, the side effect the fork's quantile queries have. */
  sortLevelZero(): void {
    if (!this.isLevelZeroSorted) {
      sortRange(this.items, this.levels[0]!, this.levels[1]!);
      this.isLevelZeroSorted = true;
    }
  }

  private sortedView(): KllSortedView {
    this.writeLevels();
    this.sortLevelZero();
    return new KllSortedView(this.items, this.levels, this.numLevels);
  }

  /**
   * Exclusive-rank quantile (whylogs' convention): rank 0 → min, 1 → max, else the first retained value whose
   * exclusive cumulative weight reaches trunc(rank·n). NaN when empty. Sorts level 0 (changes `serialize()`).
   */
  getQuantile(rank: number): number {
    if (this.nItems === 0) return Number.NaN;
    checkRank(rank, 'rank');
    if (rank === 0) return this.minValue;
    if (rank === 1) return this.maxValue;
    return this.sortedView().quantile(rank);
  }

  /** `getQuantile` for several ranks with one sorted view; empty array when the sketch is empty. */
  getQuantiles(ranks: readonly number[]): number[] {
    if (this.nItems === 0) return [];
    for (const [index, rank] of ranks.entries()) checkRank(rank, `ranks[${index}]`);
    const view = this.sortedView();
    return ranks.map((rank) =>
      rank === 0 ? this.minValue : rank === 1 ? this.maxValue : view.quantile(rank),
    );
  }

  /** Exclusive normalized rank of `value`: the weight fraction of retained items strictly below it. */
  getRank(value: number): number {
    if (this.nItems === 0) return Number.NaN;
    this.writeLevels();
    let total = 0;
    let weight = 1;
    for (let level = 0; level < this.numLevels; level++) {
      for (let index = this.levels[level]!; index < this.levels[level + 1]!; index++) {
        if (this.items[index]! < value) total += weight;
        else if (level > 0 || this.isLevelZeroSorted) break;
      }
      weight *= 2;
    }
    return total / this.nItems;
  }

  /**
   * Exclusive CDF at strictly increasing split points: entry i is the weight fraction below splitPoints[i]; the
   * last entry is 1. Empty array when the sketch is empty. Does not sort level 0 (same as the fork).
   */
  getCDF(splitPoints: readonly number[]): number[] {
    this.writeLevels();
    return pmfOrCdf(this, splitPoints, true);
  }

  /** Exclusive PMF: bucket i holds the weight fraction in [splitPoints[i-1], splitPoints[i]). */
  getPMF(splitPoints: readonly number[]): number[] {
    this.writeLevels();
    return pmfOrCdf(this, splitPoints, false);
  }

  /** Normalized rank error at 99% confidence: 2.296/k^0.9723 (single-sided) or 2.446/k^0.9433 (PMF). */
  getNormalizedRankError(pmf = false): number {
    return pmf ? 2.446 / this.minK ** 0.9433 : 2.296 / this.minK ** 0.9723;
  }

  /** The retained items with their weights (level order), for tests and diagnostics. */
  *entries(): IterableIterator<[value: number, weight: number]> {
    this.writeLevels();
    for (let level = 0; level < this.numLevels; level++) {
      for (let index = this.levels[level]!; index < this.levels[level + 1]!; index++) {
        yield [this.items[index]!, 2 ** level];
      }
    }
  }

  /** @internal Capacity of the item buffer for `numLevels`, exposed for the deserializer. */
  static capacityFor(k: number, numLevels: number): number {
    return computeTotalCapacity(k, KLL_MIN_WIDTH, numLevels);
  }
}

function checkRank(rank: number, field: string): void {
  if (typeof rank !== 'number' || Number.isNaN(rank) || rank < 0 || rank > 1) {
    throw sketchError(field, `a rank must be between 0 and 1, got ${rank}`);
  }
}
