/** 16 KiB of counts: spans up to 4,095 (a column of 0…4095) never grow the scratch array. */
const MINIMUM_COUNTS = 4096;
let countsOfOffset = new Uint32Array(0);

/**
 * How often each integer min + offset (offset 0…span) occurs in buffer[begin, end), whose items must all be
 * integers in [min, min + span]: counts[offset]. The array is shared scratch, all zero on entry; the caller
 * zeroes each entry it reads before the next call.
 */
export function countIntegers(
  buffer: Float64Array,
  begin: number,
  end: number,
  min: number,
  span: number,
): Uint32Array {
  // Grown once to a size most columns fit: after V8 has optimized the caller, a growth it had no type feedback
  // for (a second column with a wider span) deoptimized it.
  if (countsOfOffset.length <= span) countsOfOffset = new Uint32Array(Math.max(2 * span + 2, MINIMUM_COUNTS));
  const counts = countsOfOffset;
  for (let index = begin; index < end; index++) counts[buffer[index]! - min]!++;
  return counts;
}
