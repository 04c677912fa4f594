import { SketchStateError } from '../common/sketch-state-error';

/** Values a histogram row covers: a sketch whose extremes are closer than this can keep its levels as rows. */
export const INTEGER_LEVELS_WIDTH = 128;

/**
 * The levels above 0 of a KLL sketch that has only ever seen integers (none −0) within a narrow range, kept as
 * histograms: row h counts how often each value base + offset occurs in level h. A sorted level of such values
 * is fully described by its counts (equal values are the same bits, and their sorted order is unique), so a
 * compaction is count arithmetic over the sketch's range instead of moving every item of the level and of the
 * level above: halving keeps, of a value filling sorted positions [s, s + c), the f(s + c) − f(s) positions of
 * the kept parity p, with f(x) = (x + 1 − p) >> 1; merging into the level above is adding counts. Level 0
 * (unsorted) stays in the sketch's buffer. `writeTo` puts the levels back as sorted runs, item for item what
 * the buffer compactions would have left.
 */
export class IntegerLevels {
  readonly base: number;
  /** rows[h] for levels h ≥ 1; rows[0] is scratch for a level-0 compaction, zero between calls. */
  private readonly rows: Uint32Array[] = [new Uint32Array(INTEGER_LEVELS_WIDTH)];

  private constructor(base: number) {
    this.base = base;
  }

  /** The rows of levels 1… of a sketch's buffer, every item an integer in [base, base + width). */
  static build(items: Float64Array, levels: Uint32Array, numLevels: number, base: number): IntegerLevels {
    const integerLevels = new IntegerLevels(base);
    integerLevels.ensureLevels(numLevels);
    for (let level = 1; level < numLevels; level++) {
      const row = integerLevels.rows[level]!;
      for (let index = levels[level]!; index < levels[level + 1]!; index++) row[items[index]! - base]!++;
    }
    return integerLevels;
  }

  /** Whether every value in [min, max] has a slot. */
  covers(min: number, max: number): boolean {
    return min >= this.base && max < this.base + INTEGER_LEVELS_WIDTH;
  }

  /** Rows for levels up to `numLevels` − 1 (a compaction of the top level adds one). */
  ensureLevels(numLevels: number): void {
    while (this.rows.length < numLevels) this.rows.push(new Uint32Array(INTEGER_LEVELS_WIDTH));
  }

  /**
   * Halves items[begin, begin + length) (level 0; any order, integers in the rows' range, length even) keeping
   * the sorted positions of `parity`, and adds the kept items to level 1.
   */
  halveLevelZero(
    items: Float64Array,
    begin: number,
    length: number,
    parity: number,
    min: number,
    max: number,
  ): void {
    // Level 0 is counted into row 0 (otherwise unused and all zero), then compacted like any other level.
    const row = this.rows[0]!;
    const base = this.base;
    for (let index = begin; index < begin + length; index++) row[items[index]! - base]!++;
    this.compact(0, false, parity, min, max);
  }

  /**
   * Compacts level `level` (all its values in [min, max]): with an odd population its smallest item stays;
   * of the rest, the sorted positions of `parity` move up a level.
   */
  compact(level: number, odd: boolean, parity: number, min: number, max: number): void {
    const row = this.rows[level]!;
    const above = this.rows[level + 1]!;
    const from = min - this.base;
    const to = max - this.base;
    // The odd item comes off the first (smallest) value inside the walk, and is put back after it, with
    // operations every call runs: a branch taken only for odd populations had no type feedback when V8
    // optimized this, and deoptimized it the first time a higher level compacted an odd population.
    const oddItem = odd ? 1 : 0;
    let skip = oddItem;
    let smallest = -1;
    let position = 0;
    let kept = 0;
    for (let offset = from; offset <= to; offset++) {
      const count = row[offset]! - skip;
      if (count + skip === 0) continue;
      if (smallest < 0) smallest = offset;
      skip = 0;
      row[offset] = 0;
      position += count;
      const keep = ((position + 1 - parity) >> 1) - kept;
      above[offset] = above[offset]! + keep;
      kept += keep;
    }
    if (smallest >= 0) row[smallest] = oddItem;
  }

  /** Writes levels 1… into the buffer as sorted runs at their offsets. */
  writeTo(items: Float64Array, levels: Uint32Array, numLevels: number): void {
    // A top level added since the last compaction (still empty) has no row yet.
    this.ensureLevels(numLevels);
    for (let level = 1; level < numLevels; level++) {
      const row = this.rows[level]!;
      let index = levels[level]!;
      for (let offset = 0; offset < INTEGER_LEVELS_WIDTH; offset++) {
        const value = this.base + offset;
        for (let count = row[offset]!; count > 0; count--) items[index++] = value;
      }
      if (index !== levels[level + 1]) {
        throw new SketchStateError({
          field: 'kll.levels',
          message: 'integer level counts disagree with its size',
        });
      }
    }
  }
}
