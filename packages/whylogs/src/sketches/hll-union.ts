import { CouponList } from './coupon-list';
import type { HllArray } from './hll-array';
import { HllMode, HllType } from './hll-constants';
import type { HllImpl } from './hll-impl';
import { checkLgK, copyImplAs, HllSketch, type HllTargetType, targetTypeCode } from './hll-sketch';
import { Hll8Array } from './hll8-array';
import { sketchError } from './sketch-error';

/**
 * Union of HLL sketches with an HLL_8 "gadget", ported from the fork's `HllUnion-internal.hpp`. Merging
 * HLL-mode sketches sets the out-of-order flag, so results use the composite estimator.
 */
export class HllUnion {
  readonly lgMaxK: number;
  private gadget: HllSketch;

  private constructor(lgMaxK: number) {
    this.lgMaxK = lgMaxK;
    this.gadget = HllSketch.create({ lgK: lgMaxK, targetType: 'HLL_8' });
  }

  /** A union whose result has at most 2^lgMaxK registers (sketches with larger lgK are downsampled). */
  static create(options: { lgMaxK?: number } = {}): HllUnion {
    return new HllUnion(checkLgK(options.lgMaxK ?? 12, 'options.lgMaxK'));
  }

  get estimate(): number {
    return this.gadget.estimate;
  }

  lowerBound(numStdDev = 1): number {
    return this.gadget.lowerBound(numStdDev);
  }

  upperBound(numStdDev = 1): number {
    return this.gadget.upperBound(numStdDev);
  }

  get isEmpty(): boolean {
    return this.gadget.isEmpty;
  }

  /** The union as a sketch of `targetType` (default 'HLL_4'). */
  getResult(targetType: HllTargetType = 'HLL_4'): HllSketch {
    return HllSketch.fromImpl(copyImplAs(this.gadget.impl, targetTypeCode(targetType, 'targetType')));
  }

  /** Adds a sketch (`hll_union::update(const hll_sketch&)`). */
  update(sketch: HllSketch): void {
    if (!(sketch instanceof HllSketch)) throw sketchError('sketch', 'expected an HllSketch');
    if (sketch.isEmpty) return;
    this.gadget.impl = unionImpl(sketch.impl, this.gadget.impl, this.lgMaxK);
  }
}

function copyOrDownsample(source: HllArray, targetLgK: number): Hll8Array {
  if (source.lgConfigK <= targetLgK) return copyImplAs(source, HllType.Hll8) as Hll8Array;
  const target = new Hll8Array(targetLgK, false);
  target.mergeHll(source);
  target.hipAccum = source.hipAccum;
  target.outOfOrder = source.outOfOrder;
  return target;
}

function unionImpl(source: HllImpl, destination: HllImpl, lgMaxK: number): HllImpl {
  if (source.mode === HllMode.List || source.mode === HllMode.Set) {
    if (destination.isEmpty() && source.lgConfigK === destination.lgConfigK) {
      return copyImplAs(source, HllType.Hll8);
    }
    for (const coupon of source.coupons()) destination = destination.couponUpdate(coupon);
    return destination;
  }
  if (destination.isEmpty()) return copyOrDownsample(source as HllArray, lgMaxK);
  if (destination instanceof CouponList) {
    // Source is HLL, gadget still sparse: start from the source's registers, then add the gadget's coupons.
    const merged = copyOrDownsample(source as HllArray, lgMaxK);
    merged.mergeCoupons(destination.coupons());
    return merged;
  }
  let gadget = destination as Hll8Array;
  if (source.lgConfigK < gadget.lgConfigK) gadget = copyOrDownsample(gadget, source.lgConfigK);
  gadget.mergeHll(source as HllArray);
  gadget.outOfOrder = true;
  gadget.hipAccum = 0;
  return gadget;
}

/**
 * whylogs' HLL merge (`aggregators._hll_merge`): a union with lgK = max of both, then the result as the
 * "larger" target type (HLL_8 > HLL_6 > HLL_4).
 */
export function mergeHllSketches(left: HllSketch, right: HllSketch): HllSketch {
  const union = HllUnion.create({ lgMaxK: Math.max(left.lgK, right.lgK) });
  union.update(left);
  union.update(right);
  const order: HllTargetType[] = ['HLL_4', 'HLL_6', 'HLL_8'];
  const target =
    order.indexOf(left.targetType) >= order.indexOf(right.targetType) ? left.targetType : right.targetType;
  return union.getResult(target);
}
