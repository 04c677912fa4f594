import { SketchStateError } from '../common/sketch-state-error';
import { AuxHashMap } from './aux-hash-map';
import { HllArray } from './hll-array';
import { AUX_TOKEN, couponLow26, couponValue, HllType, LG_AUX_ARRAY_INTS } from './hll-constants';

/**
 * HLL_4: each register holds (value − curMin) in a nibble (even slot = low nibble); 15 means "see the aux
 * map". Port of the fork's `Hll4Array-internal.hpp`, including the curMin shift.
 */
export class Hll4Array extends HllArray {
  aux: AuxHashMap | null = null;

  constructor(lgConfigK: number, startFullSize: boolean) {
    super(lgConfigK, HllType.Hll4, startFullSize);
  }

  copy(): Hll4Array {
    const copy = new Hll4Array(this.lgConfigK, this.startFullSize);
    copy.copyStateFrom(this);
    copy.aux = this.aux === null ? null : this.aux.copy();
    return copy;
  }

  override auxMap(): AuxHashMap | null {
    return this.aux;
  }

  getSlot(slot: number): number {
    const byte = this.registers[slot >>> 1]!;
    return (slot & 1) === 1 ? byte >>> 4 : byte & 0x0f;
  }

  private putSlot(slot: number, value: number): void {
    const index = slot >>> 1;
    const old = this.registers[index]!;
    this.registers[index] =
      (slot & 1) === 0 ? (old & 0xf0) | (value & 0x0f) : (old & 0x0f) | ((value << 4) & 0xf0);
  }

  getValue(slot: number): number {
    const stored = this.getSlot(slot);
    if (stored !== AUX_TOKEN) return stored + this.curMin;
    return this.aux!.mustFindValueFor(slot);
  }

  internalCouponUpdate(coupon: number): void {
    const newValue = couponValue(coupon);
    if (newValue <= this.curMin) return;
    const slot = couponLow26(coupon) & ((1 << this.lgConfigK) - 1);
    this.internalHll4Update(slot, newValue);
  }

  private internalHll4Update(slot: number, newValue: number): void {
    const rawStoredOldValue = this.getSlot(slot);
    const lowerBoundOnOldValue = rawStoredOldValue + this.curMin;
    if (newValue <= lowerBoundOnOldValue) return;
    const actualOldValue =
      rawStoredOldValue < AUX_TOKEN ? lowerBoundOnOldValue : this.aux!.mustFindValueFor(slot);
    if (newValue <= actualOldValue) return;
    this.hipAndKxqIncrementalUpdate(actualOldValue, newValue);
    const shiftedNewValue = newValue - this.curMin;
    if (rawStoredOldValue === AUX_TOKEN) {
      // The register already lives in the aux map; a new value ≥ 15 above curMin replaces it there.
      if (shiftedNewValue >= AUX_TOKEN) this.aux!.mustReplace(slot, newValue);
    } else if (shiftedNewValue >= AUX_TOKEN) {
      this.putSlot(slot, AUX_TOKEN);
      if (this.aux === null) this.aux = new AuxHashMap(LG_AUX_ARRAY_INTS[this.lgConfigK]!, this.lgConfigK);
      this.aux.mustAdd(slot, newValue);
    } else {
      this.putSlot(slot, shiftedNewValue);
    }
    if (actualOldValue === this.curMin) {
      this.numAtCurMin--;
      while (this.numAtCurMin === 0) this.shiftToBiggerCurMin();
    }
  }

  private shiftToBiggerCurMin(): void {
    const newCurMin = this.curMin + 1;
    const configK = 1 << this.lgConfigK;
    const configKMask = configK - 1;
    let numAtNewCurMin = 0;
    let numAuxTokens = 0;
    for (let slot = 0; slot < configK; slot++) {
      let stored = this.getSlot(slot);
      if (stored === 0)
        throw new SketchStateError({
          field: 'hll.hll4Array',
          message: 'array slots cannot be 0 when shifting curMin',
        });
      if (stored < AUX_TOKEN) {
        this.putSlot(slot, --stored);
        if (stored === 0) numAtNewCurMin++;
      } else {
        numAuxTokens++;
      }
    }
    let newAux: AuxHashMap | null = null;
    if (this.aux !== null) {
      for (const pair of this.aux.pairs()) {
        const slot = couponLow26(pair) & configKMask;
        const oldActualValue = couponValue(pair);
        const newShiftedValue = oldActualValue - newCurMin;
        if (newShiftedValue < AUX_TOKEN) {
          // Back into the nibble array: it must be 14 after the shift.
          this.putSlot(slot, newShiftedValue);
          numAuxTokens--;
        } else {
          if (newAux === null) newAux = new AuxHashMap(LG_AUX_ARRAY_INTS[this.lgConfigK]!, this.lgConfigK);
          newAux.mustAdd(slot, oldActualValue);
        }
      }
    }
    if (newAux !== null && newAux.auxCount !== numAuxTokens)
      throw new SketchStateError({
        field: 'hll.auxCount',
        message: 'inconsistent aux counts after shifting curMin',
      });
    this.aux = newAux;
    this.curMin = newCurMin;
    this.numAtCurMin = numAtNewCurMin;
  }
}
