import { sketchError } from '../common/sketch-error';
import { CouponList } from './coupon-list';
import type { HllArray } from './hll-array';
import { convertHllArray } from './hll-array-factory';
import { type HllType, MAX_LG_K, MIN_LG_K } from './hll-constants';
import type { HllImpl } from './hll-impl';

/** Register width of the HLL array mode. whylogs uses HLL_4. */
export type HllTargetType = 'HLL_4' | 'HLL_6' | 'HLL_8';

/** Public names of the `HllType` codes, in code order (narrowest first). */
export const TARGET_TYPES: readonly HllTargetType[] = ['HLL_4', 'HLL_6', 'HLL_8'];

/** The `HllType` code of a public target-type name; a typed error naming `field` otherwise. */
export function targetTypeCode(targetType: HllTargetType, field: string): HllType {
  const index = TARGET_TYPES.indexOf(targetType);
  if (index < 0) throw sketchError(field, `must be 'HLL_4', 'HLL_6' or 'HLL_8', got ${String(targetType)}`);
  return index as HllType;
}

/** `lgK` if it is an integer from 4 to 21; a typed error naming `field` otherwise. */
export function checkLgK(lgK: number, field: string): number {
  if (!Number.isInteger(lgK) || lgK < MIN_LG_K || lgK > MAX_LG_K) {
    throw sketchError(field, `must be an integer from ${MIN_LG_K} to ${MAX_LG_K}, got ${lgK}`);
  }
  return lgK;
}

/** `copyAs(targetType)` for any representation. */
export function copyImplAs(impl: HllImpl, targetType: HllType): HllImpl {
  if (impl instanceof CouponList) return impl.copyAs(targetType);
  return convertHllArray(impl as HllArray, targetType);
}
