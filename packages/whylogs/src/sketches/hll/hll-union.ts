import { sketchError } from '../common/sketch-error';
import { HllSketch } from './hll-sketch';
import { checkLgK, copyImplAs, type HllTargetType, targetTypeCode } from './hll-target-type';
import { unionImpl } from './union-hll-impls';

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
