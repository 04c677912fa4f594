// whylogs `viz/utils/quantile_stats.py::_calculate_bins`, shared by Hellinger drift and histograms.

/** The float32 mantissa width: whylogs keeps bin edges distinct at float32 precision. */
const FLOAT32_MANTISSA_BITS = 23;

/** Histogram bin edges over [start, end] and the nudged end (whylogs `_calculate_bins`). */
export function calculateBins(options: {
  end: number;
  start: number;
  n: number;
  averagePerBucket: number;
  maxBuckets: number;
  minBuckets?: number;
}): { bins: number[]; end: number } {
  const { start, n, averagePerBucket, maxBuckets } = options;
  const minBuckets = options.minBuckets ?? 2;
  // Include the max value in the right-most bin.
  let end = options.end;
  end += end !== 0 ? Math.abs(end) * 1e-7 : 1e-7;
  let bucketCount = Math.min(Math.ceil(n / averagePerBucket), maxBuckets);
  bucketCount = Math.max(bucketCount, minBuckets);
  let width = (end - start) / bucketCount;
  const magnitude = Math.max(Math.abs(start), Math.abs(end));
  const minInterval = 2 ** (Math.floor(Math.log2(magnitude)) - FLOAT32_MANTISSA_BITS);
  if (width < minInterval) {
    bucketCount = Math.max(Math.floor((end - start) / minInterval), 1);
    width = (end - start) / bucketCount;
  }
  const bins: number[] = [];
  for (let index = 0; index < bucketCount + 1; index++) bins.push(start + index * width);
  return { bins, end };
}

/** numpy `round` for one value: half to even. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const difference = value - floor;
  if (difference > 0.5) return floor + 1;
  if (difference < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
