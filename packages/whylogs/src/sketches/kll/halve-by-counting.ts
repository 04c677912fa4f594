import { countIntegers } from './count-integers';

/**
 * Sorting buffer[start, start + length) and keeping every other item from position `parity` (the halving of a
 * KLL compaction), in one counting pass: the items are integers in [min, min + span], none −0 (so sorted order
 * is unique and equal items are the same bits). The kept items are written ascending from `target`; the rest
 * of the range is left as it was (a compaction frees it). In the sorted range a value occupying positions
 * [s, s + c) keeps the positions of parity `parity` among them, i.e. f(s + c) − f(s) with f(x) = (x + 1 −
 * parity) >> 1, the count of such positions below x.
 */
export function halveByCounting(
  buffer: Float64Array,
  start: number,
  length: number,
  min: number,
  span: number,
  parity: number,
  target: number,
): void {
  const counts = countIntegers(buffer, start, start + length, min, span);
  let position = 0;
  let kept = 0;
  for (let offset = 0; offset <= span; offset++) {
    const count = counts[offset]!;
    if (count === 0) continue;
    counts[offset] = 0;
    position += count;
    // Items kept among positions [0, position), minus those already written.
    const keep = ((position + 1 - parity) >> 1) - kept;
    const value = min + offset;
    for (const limit = target + keep; target < limit; target++) buffer[target] = value;
    kept += keep;
  }
}
