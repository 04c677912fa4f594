import { SketchStateError } from '../common/sketch-state-error';
import { interpolateCouponCount } from './cubic-interpolation';
import { promoteToHll } from './hll-array-factory';
import {
  COUPON_RSE,
  HLL_FAMILY_ID,
  HLL_SERIAL_VERSION,
  HllMode,
  type HllType,
  KEY_MASK_26,
  LG_INIT_LIST_SIZE,
  LG_INIT_SET_SIZE,
  LIST_INT_ARRAY_START,
  LIST_PREAMBLE_INTS,
  SET_INT_ARRAY_START,
  SET_PREAMBLE_INTS,
} from './hll-constants';
import { flagsByte, type HllImpl, modeByte } from './hll-impl';

/**
 * The sparse HLL modes. LIST: up to 8 coupons in arrival order. SET: an open-addressing table that doubles
 * until it reaches 2^(lgK−3) slots and then promotes to an HLL array. Port of the fork's `CouponList` and
 * `CouponHashSet`.
 */
export class CouponList implements HllImpl {
  readonly lgConfigK: number;
  readonly targetType: HllType;
  readonly mode: HllMode;
  readonly startFullSize = false;
  couponCount = 0;
  outOfOrder = false;
  coupons_: Uint32Array;

  constructor(lgConfigK: number, targetType: HllType, mode: HllMode) {
    this.lgConfigK = lgConfigK;
    this.targetType = targetType;
    this.mode = mode;
    this.coupons_ = new Uint32Array(1 << (mode === HllMode.List ? LG_INIT_LIST_SIZE : LG_INIT_SET_SIZE));
  }

  copy(): CouponList {
    return this.copyAs(this.targetType);
  }

  copyAs(targetType: HllType): CouponList {
    const copy = new CouponList(this.lgConfigK, targetType, this.mode);
    copy.couponCount = this.couponCount;
    copy.outOfOrder = this.outOfOrder;
    copy.coupons_ = this.coupons_.slice();
    return copy;
  }

  couponUpdate(coupon: number): HllImpl {
    return this.mode === HllMode.List ? this.listUpdate(coupon) : this.setUpdate(coupon);
  }

  private listUpdate(coupon: number): HllImpl {
    const coupons = this.coupons_;
    for (let index = 0; index < coupons.length; index++) {
      const existing = coupons[index]!;
      if (existing === 0) {
        coupons[index] = coupon;
        this.couponCount++;
        if (this.couponCount === coupons.length) {
          if (this.lgConfigK < 8) return promoteToHll(this);
          const set = new CouponList(this.lgConfigK, this.targetType, HllMode.Set);
          let result: HllImpl = set;
          for (const listed of this.coupons()) result = result.couponUpdate(listed);
          return result;
        }
        return this;
      }
      if (existing === coupon) return this;
    }
    throw new SketchStateError({ field: 'hll.couponList', message: 'no empty slot and no duplicate' });
  }

  private setUpdate(coupon: number): HllImpl {
    const lgArrayInts = Math.round(Math.log2(this.coupons_.length));
    const index = findInSet(this.coupons_, lgArrayInts, coupon);
    if (index >= 0) return this;
    this.coupons_[~index] = coupon;
    this.couponCount++;
    if (4 * this.couponCount > 3 * this.coupons_.length) {
      if (lgArrayInts === this.lgConfigK - 3) return promoteToHll(this);
      this.growSet(lgArrayInts + 1);
    }
    return this;
  }

  private growSet(targetLgArrayInts: number): void {
    const grown = new Uint32Array(1 << targetLgArrayInts);
    for (const coupon of this.coupons_) {
      if (coupon !== 0) grown[~findInSet(grown, targetLgArrayInts, coupon)] = coupon;
    }
    this.coupons_ = grown;
  }

  estimate(): number {
    return Math.max(interpolateCouponCount(this.couponCount), this.couponCount);
  }

  compositeEstimate(): number {
    return this.estimate();
  }

  lowerBound(numStdDev: number): number {
    const estimate = interpolateCouponCount(this.couponCount);
    return Math.max(estimate / (1.0 + numStdDev * COUPON_RSE), this.couponCount);
  }

  upperBound(numStdDev: number): number {
    const estimate = interpolateCouponCount(this.couponCount);
    return Math.max(estimate / (1.0 - numStdDev * COUPON_RSE), this.couponCount);
  }

  isEmpty(): boolean {
    return this.couponCount === 0;
  }

  isOutOfOrder(): boolean {
    return this.outOfOrder;
  }

  setOutOfOrder(flag: boolean): void {
    this.outOfOrder = flag;
  }

  *coupons(): IterableIterator<number> {
    for (const coupon of this.coupons_) if (coupon !== 0) yield coupon;
  }

  serialize(compact: boolean): Uint8Array {
    const isList = this.mode === HllMode.List;
    const start = isList ? LIST_INT_ARRAY_START : SET_INT_ARRAY_START;
    const count = compact ? this.couponCount : this.coupons_.length;
    const bytes = new Uint8Array(start + count * 4);
    const view = new DataView(bytes.buffer);
    bytes[0] = isList ? LIST_PREAMBLE_INTS : SET_PREAMBLE_INTS;
    bytes[1] = HLL_SERIAL_VERSION;
    bytes[2] = HLL_FAMILY_ID;
    bytes[3] = this.lgConfigK;
    bytes[4] = Math.round(Math.log2(this.coupons_.length));
    bytes[5] = flagsByte(this, compact);
    bytes[6] = isList ? this.couponCount : 0;
    bytes[7] = modeByte(this);
    if (!isList) view.setUint32(8, this.couponCount, true);
    let offset = start;
    if (compact) {
      for (const coupon of this.coupons()) {
        view.setUint32(offset, coupon, true);
        offset += 4;
      }
    } else {
      for (const coupon of this.coupons_) {
        view.setUint32(offset, coupon, true);
        offset += 4;
      }
    }
    return bytes;
  }
}

/** Index of `coupon` in the set (≥ 0), or ~index of the empty cell to use. */
export function findInSet(table: Uint32Array, lgArrayInts: number, coupon: number): number {
  const mask = (1 << lgArrayInts) - 1;
  let probe = coupon & mask;
  const loopIndex = probe;
  do {
    const existing = table[probe]!;
    if (existing === 0) return ~probe;
    if (existing === coupon) return probe;
    const stride = ((coupon & KEY_MASK_26) >>> lgArrayInts) | 1;
    probe = (probe + stride) & mask;
  } while (probe !== loopIndex);
  throw new SketchStateError({ field: 'hll.couponSet', message: 'key not found and no empty slots' });
}
