import { ComponentTypeId, type MetricComponent } from '../metrics/metric-component';
import { formatFixed6 } from '../numeric/format-fixed';
import { numpyM2, numpyMean } from '../numeric/numpy-sum';
import type { PreprocessedColumn, WhylogsDataType } from '../preprocess/preprocessed-column';
import { FrequentStringsSketch, HllSketch, KllDoublesSketch } from '../sketches';
import { couponOfDouble, couponOfSafeInteger } from '../sketches/common/hash-values';
import { couponOfWord } from '../sketches/common/murmur-hash3-word';
import { HASH_KERNEL_SLICE, wasmHashKernel } from '../sketches/common/wasm-hash-kernel';
import { IntegerItemCache } from './integer-item-cache';
import type { ResolvedProfileOptions } from './profile-options';
import { RepeatFilter } from './repeat-filter';
import { integerStats, scanIntegers } from './scan-integers';

/** `sys.maxsize`: the empty `ints/max` is its negation, the empty `ints/min` itself. */
const PYTHON_MAXSIZE = 9223372036854775807n;
/** whylogs feeds booleans to KLL and frequent items in lists of at most this many. */
const BOOL_CHUNK_SIZE = 1000;
// Read-only sources for a chunk of boolean updates to KLL.
const BOOL_ONES = new Float64Array(BOOL_CHUNK_SIZE).fill(1);
const BOOL_ZEROS = new Float64Array(BOOL_CHUNK_SIZE);

interface Moments {
  n: number;
  mean: number;
  m2: number;
}

/** whylogs' `parallel_variance_m2`, with Python's operation order. */
function parallelMoments(first: Moments, n: number, mean: number, m2: number): Moments {
  const total = first.n + n;
  const delta = mean - first.mean;
  return {
    n: total,
    mean: (first.mean * first.n + mean * n) / (first.n + n),
    m2: first.m2 + m2 + (delta * delta * first.n * n) / total,
  };
}

/** whylogs' `welford_online_variance_m2`. */
function welfordMoments(existing: Moments, value: number): Moments {
  const n = existing.n + 1;
  const delta = value - existing.mean;
  const mean = existing.mean + delta / n;
  return { n, mean, m2: existing.m2 + delta * (value - mean) };
}

/**
 * `count` unit updates of one item (whylogs sends bools as lists of "True"/"False"). Once the item is tracked
 * the rest can go as one weighted update: incrementing a tracked item never triggers a purge, so the result
 * is identical.
 */
function updateRepeatedly(sketch: FrequentStringsSketch, item: string, count: number): void {
  for (let remaining = count; remaining > 0; remaining--) {
    sketch.update(item);
    if (remaining > 1 && sketch.getLowerBound(item) > 0) {
      sketch.update(item, remaining - 1);
      return;
    }
  }
}

/** `hll.updateDouble` for each value, reading the words of the array in place (no per-value scratch copy). */
function updateDoubles(hll: HllSketch, values: Float64Array): void {
  const kernel = wasmHashKernel();
  if (kernel) {
    // Hashed slice by slice in WebAssembly (native 64-bit multiplies), then given to the HLL in order.
    const { input, coupons } = kernel;
    for (let start = 0; start < values.length; start += HASH_KERNEL_SLICE) {
      const count = Math.min(HASH_KERNEL_SLICE, values.length - start);
      input.set(count === values.length ? values : values.subarray(start, start + count));
      kernel.doubles(count);
      for (let index = 0; index < count; index++) hll.couponUpdate(coupons[index]!);
    }
    return;
  }
  if (!LITTLE_ENDIAN) {
    for (let index = 0; index < values.length; index++) hll.couponUpdate(couponOfDouble(values[index]!));
    return;
  }
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  for (let index = 0; index < values.length; index++) {
    const value = values[index]!;
    // −0 hashes as +0 and every NaN as the canonical NaN, as couponOfDouble does.
    if (value === 0 || Number.isNaN(value)) hll.couponUpdate(couponOfDouble(value));
    else hll.couponUpdate(couponOfWord(words[2 * index + 1]!, words[2 * index]!));
  }
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

function asDoubles(values: Float64Array | BigInt64Array): Float64Array {
  if (values instanceof Float64Array) return values;
  return Float64Array.from(values, (value) => Number(value));
}

/**
 * The live metrics of one column: whylogs' default metric set for its data type (`STANDARD_RESOLVER`),
 * updated batch by batch with whylogs' exact update order so that sketches and moments match Python's.
 */
export class ColumnProfile {
  readonly dataType: WhylogsDataType;
  private readonly counts = { n: 0, null: 0, nan: 0, inf: 0, true: 0 };
  private readonly types = { integral: 0, fractional: 0, boolean: 0, string: 0, object: 0, tensor: 0 };
  private readonly kll: KllDoublesSketch | undefined;
  private mean = 0;
  private m2 = 0;
  private intsMax: bigint | undefined;
  private intsMin: bigint | undefined;
  private readonly hll: HllSketch | undefined;
  private readonly newInts = new RepeatFilter<number>();
  private readonly newStrings = new RepeatFilter<string>();
  private scratch = new Float64Array(0);
  // What `scanBatch` found in the current int64 batch.
  private batchMin = 0;
  private batchMax = 0;
  private batchSum = 0;
  private batchSumExact = false;
  private batchHasNegativeZero = false;
  private readonly frequentItems: FrequentStringsSketch | undefined;
  private integerItems: IntegerItemCache | undefined;
  private frequentItemsOnlyCache: IntegerItemCache | undefined;

  constructor(dataType: WhylogsDataType, options: ResolvedProfileOptions) {
    this.dataType = dataType;
    if (dataType === 'any') return;
    this.kll = KllDoublesSketch.create({ k: options.kllK, randomBit: options.randomBit });
    this.hll = HllSketch.create({ lgK: options.hllLgK });
    if (dataType === 'integral') {
      this.intsMax = -PYTHON_MAXSIZE;
      this.intsMin = PYTHON_MAXSIZE;
    }
    if (dataType !== 'fractional' && !options.frequentItemsDisabled) {
      this.frequentItems = FrequentStringsSketch.create({
        lgMaxMapSize: options.frequentItemsLgMaxK,
        maxItemCodePoints: options.maxFrequentItemSize,
      });
    }
  }

  /** `ColumnProfile.track_column` for one preprocessed batch. */
  track(column: PreprocessedColumn): void {
    if (column.length <= 0) return;
    const { counts, types } = this;
    counts.n += column.length;
    counts.null += column.nullCount;
    counts.nan += column.nanCount;
    counts.inf += column.infCount;
    counts.true += column.boolTrueCount;
    types.integral += column.ints?.length ?? 0;
    types.fractional += column.floats?.length ?? 0;
    types.boolean += column.boolCount;
    types.string += column.strings?.length ?? 0;
    types.tensor += column.tensorCount;
    types.object += column.objectCount;
    // An int64 batch is scanned once for its extremes and sum, which the distribution and ints/min/max share.
    const scanned = column.ints instanceof Float64Array && column.ints.length > 0;
    if (scanned) this.scanBatch(column.ints as Float64Array);
    if (this.kll) this.trackDistribution(column, scanned);
    if (this.intsMax !== undefined) this.trackInts(column);
    // An int64 column (safe integers, no floats) feeds HLL and frequent items in one pass with one cache; with
    // floats too, the two sketches' whylogs orders (ints first vs floats first) need separate passes.
    const { ints, floats } = column;
    const fusedInts =
      this.hll !== undefined &&
      ints instanceof Float64Array &&
      ints.length > 0 &&
      !(floats && floats.length > 0);
    if (fusedInts) {
      this.integerItems ??= new IntegerItemCache();
      this.integerItems.updateAll(this.frequentItems, ints, this.hll);
    }
    if (this.hll) this.trackCardinality(column, this.hll, fusedInts);
    if (this.frequentItems) this.trackFrequentItems(column, this.frequentItems, fusedInts);
  }

  private scanBatch(ints: Float64Array): void {
    this.batchSumExact = scanIntegers(ints);
    this.batchMin = integerStats[0]!;
    this.batchMax = integerStats[1]!;
    this.batchSum = integerStats[2]!;
    this.batchHasNegativeZero = integerStats[3] === 1;
  }

  private trackDistribution(column: PreprocessedColumn, intsScanned: boolean): void {
    const kll = this.kll!;
    let moments: Moments = { n: kll.n, mean: this.mean, m2: this.m2 };
    // whylogs' order: floats, then ints.
    if (column.floats && column.floats.length > 0) moments = this.addNumbers(kll, column.floats, moments);
    const ints = column.ints;
    if (ints && ints.length > 0) {
      if (intsScanned) moments = this.addScannedIntegers(kll, ints as Float64Array, moments);
      else moments = this.addNumbers(kll, asDoubles(ints), moments);
    }
    // Booleans: chunks of 1s then 0s; each chunk's exact mean is the value and its variance 0.
    for (const [value, total] of [
      [1, column.boolTrueCount],
      [0, column.boolCount - column.boolTrueCount],
    ] as const) {
      for (let remaining = total; remaining > 0; remaining -= BOOL_CHUNK_SIZE) {
        const size = Math.min(remaining, BOOL_CHUNK_SIZE);
        kll.updateAll(value === 1 ? BOOL_ONES : BOOL_ZEROS, 0, size);
        moments = size > 1 ? parallelMoments(moments, size, value, 0) : welfordMoments(moments, value);
      }
    }
    this.mean = moments.mean;
    this.m2 = moments.m2;
  }

  private addNumbers(kll: KllDoublesSketch, doubles: Float64Array, moments: Moments): Moments {
    kll.updateAll(doubles);
    if (doubles.length === 1) return welfordMoments(moments, doubles[0]!);
    return this.addBatchMoments(doubles, numpyMean(doubles), moments);
  }

  /** `addNumbers` for the batch `scanBatch` just scanned: no second scan for the extremes or the mean. */
  private addScannedIntegers(kll: KllDoublesSketch, ints: Float64Array, moments: Moments): Moments {
    if (this.batchHasNegativeZero) kll.updateAllWithExtremes(ints, this.batchMin, this.batchMax);
    else kll.updateAllIntegers(ints, this.batchMin, this.batchMax);
    if (ints.length === 1) return welfordMoments(moments, ints[0]!);
    const mean = this.batchSumExact ? this.batchSum / ints.length : numpyMean(ints);
    return this.addBatchMoments(ints, mean, moments);
  }

  private addBatchMoments(doubles: Float64Array, mean: number, moments: Moments): Moments {
    if (this.scratch.length < doubles.length) this.scratch = new Float64Array(doubles.length);
    return parallelMoments(moments, doubles.length, mean, numpyM2(doubles, this.scratch, mean));
  }

  private trackInts(column: PreprocessedColumn): void {
    const ints = column.ints;
    if (!ints || ints.length === 0) return;
    if (ints instanceof Float64Array) {
      // `track` scanned this batch.
      if (BigInt(this.batchMax) > this.intsMax!) this.intsMax = BigInt(this.batchMax);
      if (BigInt(this.batchMin) < this.intsMin!) this.intsMin = BigInt(this.batchMin);
      return;
    }
    for (const value of ints) {
      if (value > this.intsMax!) this.intsMax = value;
      if (value < this.intsMin!) this.intsMin = value;
    }
  }

  private trackCardinality(column: PreprocessedColumn, hll: HllSketch, intsDone: boolean): void {
    const { ints, floats, strings } = column;
    if (ints && !intsDone) {
      if (ints instanceof Float64Array) {
        // Safe integers by construction (the preprocessors use a BigInt64Array otherwise).
        for (let index = 0; index < ints.length; index++) {
          const value = ints[index]!;
          if (this.newInts.isNew(value)) hll.couponUpdate(couponOfSafeInteger(value));
        }
      } else for (const value of ints) hll.updateInteger(value);
    }
    // Floats rarely repeat, so they are hashed without a repeat filter.
    if (floats) updateDoubles(hll, floats);
    if (strings) for (const value of strings) if (this.newStrings.isNew(value)) hll.updateString(value);
    if (column.boolCount > 0) {
      if (column.boolTrueCount > 0) hll.updateInteger(1);
      if (column.boolTrueCount < column.boolCount) hll.updateInteger(0);
    }
  }

  private trackFrequentItems(
    column: PreprocessedColumn,
    sketch: FrequentStringsSketch,
    intsDone: boolean,
  ): void {
    const { ints, floats, strings } = column;
    if (floats)
      for (let index = 0; index < floats.length; index++) sketch.update(formatFixed6(floats[index]!));
    if (ints && !intsDone) {
      if (ints instanceof Float64Array) {
        // Its own cache: this one caches slot hashes only, never HLL repeats.
        this.frequentItemsOnlyCache ??= new IntegerItemCache();
        this.frequentItemsOnlyCache.updateAll(sketch, ints);
      } else for (const value of ints) sketch.update(value.toString());
    }
    // The sketch cuts strings to `maxFrequentItemSize` code points, as whylogs slices them.
    if (strings) for (const value of strings) sketch.update(value);
    updateRepeatedly(sketch, 'True', column.boolTrueCount);
    updateRepeatedly(sketch, 'False', column.boolCount - column.boolTrueCount);
  }

  /** The column's components as whylogs stores them, as independent copies. */
  toComponents(): Map<string, MetricComponent> {
    const components = new Map<string, MetricComponent>();
    const integral = (value: number): MetricComponent => ({ typeId: 0, kind: 'n', value: BigInt(value) });
    for (const [name, value] of Object.entries(this.counts))
      components.set(`counts/${name}`, integral(value));
    for (const [name, value] of Object.entries(this.types)) components.set(`types/${name}`, integral(value));
    if (this.kll) {
      components.set('distribution/kll', { typeId: 0, kind: 'kll', sketch: this.kll.clone() });
      components.set('distribution/mean', { typeId: 0, kind: 'd', value: this.mean });
      components.set('distribution/m2', { typeId: 0, kind: 'd', value: this.m2 });
    }
    if (this.intsMax !== undefined && this.intsMin !== undefined) {
      components.set('ints/max', { typeId: ComponentTypeId.max, kind: 'n', value: this.intsMax });
      components.set('ints/min', { typeId: ComponentTypeId.min, kind: 'n', value: this.intsMin });
    }
    if (this.hll) components.set('cardinality/hll', { typeId: 0, kind: 'hll', sketch: this.hll.copy() });
    if (this.frequentItems) {
      components.set('frequent_items/frequent_strings', {
        typeId: 0,
        kind: 'frequentItems',
        sketch: this.frequentItems.copy(),
      });
    }
    return components;
  }
}
