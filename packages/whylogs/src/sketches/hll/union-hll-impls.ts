// The union algorithm on sketch representations, shared by `HllUnion` and `HllSketch.merge` so that the
// sketch class does not depend on the union class (and the union class can depend on the sketch).
import { CouponList } from './coupon-list';
import type { HllArray } from './hll-array';
import { HllMode, HllType } from './hll-constants';
import type { HllImpl } from './hll-impl';
import { copyImplAs } from './hll-target-type';
import { Hll8Array } from './hll8-array';

/** An empty HLL_8 gadget of 2^lgMaxK registers, as `hll_union` starts with. */
export function emptyUnionGadget(lgMaxK: number): HllImpl {
  return new CouponList(lgMaxK, HllType.Hll8, HllMode.List);
}

function copyOrDownsample(source: HllArray, targetLgK: number): Hll8Array {
  if (source.lgConfigK <= targetLgK) return copyImplAs(source, HllType.Hll8) as Hll8Array;
  const target = new Hll8Array(targetLgK, false);
  target.mergeHll(source);
  target.hipAccum = source.hipAccum;
  target.outOfOrder = source.outOfOrder;
  return target;
}

/**
 * Adds `source` to the union gadget `destination` (`hll_union::union_impl` of the fork) and returns the
 * gadget to use from now on (the destination may be updated in place or replaced).
 */
export function unionImpl(source: HllImpl, destination: HllImpl, lgMaxK: number): HllImpl {
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
 * "larger" target type (HLL_8 > HLL_6 > HLL_4). Neither input is modified.
 */
export function mergeHllImpls(left: HllImpl, right: HllImpl): HllImpl {
  const lgMaxK = Math.max(left.lgConfigK, right.lgConfigK);
  let gadget = emptyUnionGadget(lgMaxK);
  if (!left.isEmpty()) gadget = unionImpl(left, gadget, lgMaxK);
  if (!right.isEmpty()) gadget = unionImpl(right, gadget, lgMaxK);
  return copyImplAs(gadget, Math.max(left.targetType, right.targetType) as HllType);
}
