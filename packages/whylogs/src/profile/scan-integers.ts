/** [min, max, sum] of the values given to the last `scanIntegers` call. */
export const integerStats = new Float64Array(3);

/** 2^53: integer partial sums up to this magnitude are exact doubles. */
const EXACT_SUM_LIMIT = 2 ** 53;

/**
 * One pass over a batch of an int64 column (safe integers, no NaN, at least one value) for what three passes
 * gave before: its extremes (the first of equal extremes wins, as with strict comparisons in order — the KLL's
 * rule), and its sum. Returns whether that sum is exact, i.e. length·max(|min|, |max|) ≤ 2^53: then every partial
 * sum in any order is an exact integer, so it equals numpy's pairwise sum bit for bit and the mean needs no
 * pass of its own. The sum starts from +0 as `numpySum`'s total does, so a zero sum is +0 in both.
 */
export function scanIntegers(values: Float64Array): boolean {
  let min = values[0]!;
  let max = min;
  let sum = 0;
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    if (value < min) min = value;
    else if (max < value) max = value;
    sum += value;
  }
  integerStats[0] = min;
  integerStats[1] = max;
  integerStats[2] = sum;
  return values.length * Math.max(-min, max) <= EXACT_SUM_LIMIT;
}
