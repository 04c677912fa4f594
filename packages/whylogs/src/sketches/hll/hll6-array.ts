import { HllArray } from './hll-array';
import { couponLow26, couponValue, HllType } from './hll-constants';

/** HLL_6: 6 bits per register at bit offset 6·slot (read as a 16-bit LE word). curMin stays 0. */
export class Hll6Array extends HllArray {
  constructor(lgConfigK: number, startFullSize: boolean) {
    super(lgConfigK, HllType.Hll6, startFullSize);
  }

  copy(): Hll6Array {
    const copy = new Hll6Array(this.lgConfigK, this.startFullSize);
    copy.copyStateFrom(this);
    return copy;
  }

  getValue(slot: number): number {
    const startBit = slot * 6;
    const index = startBit >>> 3;
    const word = (this.registers[index + 1]! << 8) | this.registers[index]!;
    return (word >>> (startBit & 7)) & 0x3f;
  }

  private putSlot(slot: number, value: number): void {
    const startBit = slot * 6;
    const shift = startBit & 7;
    const index = startBit >>> 3;
    let word = (this.registers[index + 1]! << 8) | this.registers[index]!;
    word = (word & ~(0x3f << shift)) | ((value & 0x3f) << shift);
    this.registers[index] = word & 0xff;
    this.registers[index + 1] = (word >>> 8) & 0xff;
  }

  internalCouponUpdate(coupon: number): void {
    const slot = couponLow26(coupon) & ((1 << this.lgConfigK) - 1);
    const newValue = couponValue(coupon);
    const currentValue = this.getValue(slot);
    if (newValue > currentValue) {
      this.putSlot(slot, newValue);
      this.hipAndKxqIncrementalUpdate(currentValue, newValue);
      // numAtCurMin counts zero registers in HLL_6 and HLL_8.
      if (currentValue === 0) this.numAtCurMin--;
    }
  }
}
