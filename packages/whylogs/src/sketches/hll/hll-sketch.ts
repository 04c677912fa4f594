import { couponOfBytes, couponOfDouble, couponOfInteger, couponOfString } from '../common/hash-values';
import { sketchError } from '../common/sketch-error';
import { CouponList } from './coupon-list';
import { HllMode } from './hll-constants';
import { deserializeHll } from './hll-deserialization';
import type { HllImpl } from './hll-impl';
import { checkLgK, copyImplAs, type HllTargetType, TARGET_TYPES, targetTypeCode } from './hll-target-type';
import { mergeHllImpls } from './union-hll-impls';

export type { HllTargetType } from './hll-target-type';

/** Current representation: sparse coupon list, coupon hash set, or register array. */
export type HllCurrentMode = 'LIST' | 'SET' | 'HLL';

const MODES: readonly HllCurrentMode[] = ['LIST', 'SET', 'HLL'];

/** whylogs' `MetricConfig.hll_lg_k`. */
export const WHYLOGS_HLL_LG_K = 12;

export interface HllSketchOptions {
  /** log2 of the number of registers, 4…21. Default 12 (whylogs' `hll_lg_k`). No env var. */
  lgK?: number;
  /** Register width once in HLL mode. Default 'HLL_4' (whylogs' target). No env var. */
  targetType?: HllTargetType;
}

function checkNumStdDev(numStdDev: number): void {
  if (numStdDev !== 1 && numStdDev !== 2 && numStdDev !== 3) {
    throw sketchError('numStdDev', `must be 1, 2 or 3, got ${numStdDev}`);
  }
}

/**
 * HyperLogLog distinct-count sketch, bit-compatible with the whylogs-sketching fork (`hll_sketch`): the same
 * MurmurHash3 coupons, LIST → SET → HLL transitions, HIP estimator, composite estimator, bounds tables and
 * compact serialization.
 */
export class HllSketch {
  /** @internal */ impl: HllImpl;

  private constructor(impl: HllImpl) {
    this.impl = impl;
  }

  static create(options: HllSketchOptions = {}): HllSketch {
    const lgK = checkLgK(options.lgK ?? WHYLOGS_HLL_LG_K, 'options.lgK');
    const targetType = targetTypeCode(options.targetType ?? 'HLL_4', 'options.targetType');
    return new HllSketch(new CouponList(lgK, targetType, HllMode.List));
  }

  /** @internal */
  static fromImpl(impl: HllImpl): HllSketch {
    return new HllSketch(impl);
  }

  /** Reads a compact or updatable LIST/SET/HLL_4/HLL_6/HLL_8 image; throws a typed error on corrupt bytes. */
  static deserialize(bytes: Uint8Array): HllSketch {
    return new HllSketch(deserializeHll(bytes));
  }

  get lgK(): number {
    return this.impl.lgConfigK;
  }

  get targetType(): HllTargetType {
    return TARGET_TYPES[this.impl.targetType]!;
  }

  get mode(): HllCurrentMode {
    return MODES[this.impl.mode]!;
  }

  get isEmpty(): boolean {
    return this.impl.isEmpty();
  }

  /** True after a union of HLL-mode sketches: estimates then use the composite estimator, not HIP. */
  get isOutOfOrder(): boolean {
    return this.impl.isOutOfOrder();
  }

  /** Cardinality estimate (HIP in HLL mode unless out of order; interpolated coupon count in LIST/SET). */
  get estimate(): number {
    return this.impl.estimate();
  }

  /** The non-HIP composite estimate (equals `estimate` in LIST/SET mode). */
  get compositeEstimate(): number {
    return this.impl.compositeEstimate();
  }

  /** Lower bound at 1, 2 or 3 standard deviations (default 1, as whylogs' `hll_stddev`). */
  lowerBound(numStdDev = 1): number {
    checkNumStdDev(numStdDev);
    return this.impl.lowerBound(numStdDev);
  }

  /** Upper bound at 1, 2 or 3 standard deviations (default 1). */
  upperBound(numStdDev = 1): number {
    checkNumStdDev(numStdDev);
    return this.impl.upperBound(numStdDev);
  }

  /** @internal Applies a precomputed coupon (0 means no update), for callers hashing in bulk. */
  couponUpdate(coupon: number): void {
    if (coupon === 0) return;
    this.impl = this.impl.couponUpdate(coupon);
  }

  /** Hashes the string's UTF-8 bytes; the empty string is skipped, as in DataSketches. */
  updateString(value: string): void {
    if (typeof value !== 'string') throw sketchError('value', `expected a string, got ${typeof value}`);
    this.couponUpdate(couponOfString(value));
  }

  /** Hashes an integer as 8 little-endian int64 bytes (Python int / numpy int64 path). */
  updateInteger(value: number | bigint): void {
    this.couponUpdate(couponOfInteger(value));
  }

  /** Hashes a double's 8 bytes, with -0.0 → 0.0 and every NaN → 0x7ff8000000000000 (Python float path). */
  updateDouble(value: number): void {
    if (typeof value !== 'number') throw sketchError('value', `expected a number, got ${typeof value}`);
    this.couponUpdate(couponOfDouble(value));
  }

  /** Hashes raw bytes. */
  updateBytes(value: Uint8Array): void {
    if (!(value instanceof Uint8Array)) throw sketchError('value', 'expected a Uint8Array');
    this.couponUpdate(couponOfBytes(value));
  }

  /**
   * Dispatches like whylogs for JS values: strings → UTF-8, bigints and safe integers → int64, other numbers →
   * double. JS cannot tell 1 from 1.0; call `updateDouble` for values of a float column.
   */
  update(value: string | number | bigint): void {
    if (typeof value === 'string') this.updateString(value);
    else if (typeof value === 'bigint') this.updateInteger(value);
    else if (Number.isSafeInteger(value)) this.updateInteger(value);
    else this.updateDouble(value);
  }

  /** The compact image whylogs stores (`serialize_compact`). */
  serializeCompact(): Uint8Array {
    return this.impl.serialize(true);
  }

  /** The updatable image (`serialize_updatable`): full tables, zeros included. */
  serializeUpdatable(): Uint8Array {
    return this.impl.serialize(false);
  }

  /**
   * Merges `other` into this sketch the way whylogs merges profiles: a union with lgK = max of both, whose
   * result (target = the wider of the two types) replaces this sketch's contents. Returns this sketch.
   */
  merge(other: HllSketch): this {
    if (!(other instanceof HllSketch)) throw sketchError('other', 'expected an HllSketch');
    this.impl = mergeHllImpls(this.impl, other.impl);
    return this;
  }

  copy(): HllSketch {
    return new HllSketch(this.impl.copy());
  }

  /** whylogs' merge of two sketches as a new sketch (union with lgK = max, the wider target type). */
  static union(left: HllSketch, right: HllSketch): HllSketch {
    return new HllSketch(mergeHllImpls(left.impl, right.impl));
  }

  /** A copy converted to another register width (LIST/SET only change the recorded target). */
  copyAs(targetType: HllTargetType): HllSketch {
    return new HllSketch(copyImplAs(this.impl, targetTypeCode(targetType, 'targetType')));
  }
}
