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
  if (countsOfOffset.length <= span) countsOfOffset = new Uint32Array(2 * span + 2);
  const counts = countsOfOffset;
  for (let index = begin; index < end; index++) counts[buffer[index]! - min]!++;
  return counts;
}
