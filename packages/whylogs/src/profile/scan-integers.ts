import { FEEDBACK_PREFIX_LENGTH } from '../numeric/feedback-prefix-length';

/** [min, max, sum, 1 if any value is −0 else 0] of the values given to the last `scanIntegers` call. */
export const integerStats = new Float64Array(4);

/** 2^53: integer partial sums up to this magnitude are exact doubles. */
const EXACT_SUM_LIMIT = 2 ** 53;

/**
 * One pass over a batch of an int64 column (safe integers, no NaN, at least one value) for what three passes
 * gave before: its extremes (the first of equal extremes wins, as with strict comparisons in order — the KLL's
 * rule), and its sum. Returns whether that sum is exact, i.e. length·max(|min|, |max|) ≤ 2^53: then every partial
 * sum in any order is an exact integer, so it equals numpy's pairwise sum bit for bit and the mean needs no
 * pass of its own. The sum starts from +0 as `numpySum`'s total does, so a zero sum is +0 in both. It also
 * notes whether any value is −0.
 */
export function scanIntegers(values: Float64Array): boolean {
  integerStats[0] = values[0]!;
  integerStats[1] = values[0]!;
  integerStats[2] = 0;
  integerStats[3] = 0;
  // The same left-to-right pass, split once (FEEDBACK_PREFIX_LENGTH): the sum and the strict comparisons carry on.
  const split = Math.min(values.length, FEEDBACK_PREFIX_LENGTH);
  scanRange(values, 0, split);
  if (split < values.length) scanRange(values, split, values.length);
  return values.length * Math.max(-integerStats[0]!, integerStats[1]!) <= EXACT_SUM_LIMIT;
}

/** Continues the scan in `integerStats` over values[start, end). */
function scanRange(values: Float64Array, start: number, end: number): void {
  let min = integerStats[0]!;
  let max = integerStats[1]!;
  let sum = integerStats[2]!;
  let negativeZero = integerStats[3]!;
  for (let index = start; index < end; index++) {
    const value = values[index]!;
    if (value < min) min = value;
    else if (max < value) max = value;
    sum += value;
    // Records may hold −0 (a safe integer to JS); the KLL's integer shortcut must not see it.
    if (Object.is(value, -0)) negativeZero = 1;
  }
  integerStats[3] = negativeZero;
  integerStats[0] = min;
  integerStats[1] = max;
  integerStats[2] = sum;
}
