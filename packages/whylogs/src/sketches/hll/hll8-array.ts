import { HllArray } from './hll-array';
import { couponLow26, couponValue, HllType } from './hll-constants';

/** HLL_8: one byte per register. Also the union's working representation ("gadget"). */
export class Hll8Array extends HllArray {
  constructor(lgConfigK: number, startFullSize: boolean) {
    super(lgConfigK, HllType.Hll8, startFullSize);
  }

  copy(): Hll8Array {
    const copy = new Hll8Array(this.lgConfigK, this.startFullSize);
    copy.copyStateFrom(this);
    return copy;
  }

  getValue(slot: number): number {
    return this.registers[slot]!;
  }

  internalCouponUpdate(coupon: number): void {
    const slot = couponLow26(coupon) & ((1 << this.lgConfigK) - 1);
    const newValue = couponValue(coupon);
    const currentValue = this.registers[slot]!;
    if (newValue > currentValue) {
      this.registers[slot] = newValue;
      this.hipAndKxqIncrementalUpdate(currentValue, newValue);
      if (currentValue === 0) this.numAtCurMin--;
    }
  }

  /** Adds LIST/SET coupons (union of a coupon sketch into an HLL gadget). */
  mergeCoupons(coupons: Iterable<number>): void {
    for (const coupon of coupons) this.internalCouponUpdate(coupon);
  }

  /** Register-wise max with any array, folding a larger lgK down by slot mask (the union's downsampling). */
  override mergeHll(source: HllArray): void {
    const sourceK = 1 << source.lgConfigK;
    const targetMask = (1 << this.lgConfigK) - 1;
    for (let slot = 0; slot < sourceK; slot++) {
      const newValue = source.getValue(slot);
      const target = slot & targetMask;
      const oldValue = this.registers[target]!;
      if (newValue > oldValue) {
        this.registers[target] = newValue;
        this.hipAndKxqIncrementalUpdate(oldValue, newValue);
        if (oldValue === 0) this.numAtCurMin--;
      }
    }
  }
}
