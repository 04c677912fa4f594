import type { HllArray } from './hll-array';
import { type HllType, HllType as HllTypes } from './hll-constants';
import type { HllImpl } from './hll-impl';
import { Hll4Array } from './hll4-array';
import { Hll6Array } from './hll6-array';
import { Hll8Array } from './hll8-array';

/** A new, empty register array of the given type. */
export function newHllArray(lgConfigK: number, targetType: HllType, startFullSize = false): HllArray {
  if (targetType === HllTypes.Hll4) return new Hll4Array(lgConfigK, startFullSize);
  if (targetType === HllTypes.Hll6) return new Hll6Array(lgConfigK, startFullSize);
  return new Hll8Array(lgConfigK, startFullSize);
}

/**
 * `promoteListOrSetToHll`: feeds every coupon into a new array, then replaces the HIP accumulator with the
 * coupon-mode estimate of the source and clears the out-of-order flag. `source` is a LIST or SET (a
 * `CouponList`; typed by its interface so this file and `coupon-list.ts` do not import each other).
 */
export function promoteToHll(source: HllImpl): HllArray {
  const target = newHllArray(source.lgConfigK, source.targetType);
  target.kxq0 = 1 << source.lgConfigK;
  for (const coupon of source.coupons()) target.internalCouponUpdate(coupon);
  target.hipAccum = source.estimate();
  target.outOfOrder = false;
  return target;
}

/** `copyAs` for arrays: same type → copy; else a new array of the target type fed with the source's registers. */
export function convertHllArray(source: HllArray, targetType: HllType): HllArray {
  if (targetType === source.targetType) return source.copy();
  const target = newHllArray(source.lgConfigK, targetType, source.startFullSize);
  target.outOfOrder = source.outOfOrder;
  target.mergeHll(source);
  target.hipAccum = source.hipAccum;
  return target;
}
