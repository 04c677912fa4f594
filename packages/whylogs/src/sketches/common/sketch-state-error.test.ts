import { InvalidOptionError, TasklensError } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { AuxHashMap } from '../hll/aux-hash-map';
import { findInSet } from '../hll/coupon-list';
import { interpolateCouponCount } from '../hll/cubic-interpolation';
import { pairOf } from '../hll/hll-constants';
import { SketchStateError } from './sketch-state-error';

function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('sketch errors', () => {
  it('an aux map whose pairs disagree with its preamble count is corrupt input naming hll.auxCount', () => {
    const error = thrownBy(() =>
      AuxHashMap.fromPairs(new Uint32Array([pairOf(1, 20), pairOf(2, 21)]), 12, 3, 4),
    );
    expect(InvalidOptionError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ option: 'hll.auxCount' });
    expect((error as Error).message).toContain('3 aux entries');
  });

  it('a slot twice in a serialized aux map is an impossible state naming hll.auxMap', () => {
    const error = thrownBy(() =>
      AuxHashMap.fromPairs(new Uint32Array([pairOf(1, 20), pairOf(1, 21)]), 12, 2, 4),
    );
    expect(SketchStateError.isInstance(error)).toBe(true);
    expect(TasklensError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ name: 'TasklensSketchStateError', field: 'hll.auxMap' });
  });

  it('looking up a slot the aux map lacks is an impossible state', () => {
    const map = AuxHashMap.fromPairs(new Uint32Array([pairOf(1, 20)]), 12, 1, 4);
    expect(SketchStateError.isInstance(thrownBy(() => map.mustFindValueFor(2)))).toBe(true);
    expect(SketchStateError.isInstance(thrownBy(() => map.mustReplace(2, 22)))).toBe(true);
  });

  it('a full coupon set without the key is an impossible state naming hll.couponSet', () => {
    const full = new Uint32Array([pairOf(1, 5), pairOf(2, 5), pairOf(3, 5), pairOf(4, 5)]);
    const error = thrownBy(() => findInSet(full, 2, pairOf(9, 5)));
    expect(SketchStateError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'hll.couponSet' });
  });

  it('interpolating outside the coupon table is an impossible state naming hll.interpolation', () => {
    const error = thrownBy(() => interpolateCouponCount(-1));
    expect(SketchStateError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ field: 'hll.interpolation' });
  });

  it('isInstance does not accept plain errors or other kinds', () => {
    expect(SketchStateError.isInstance(new Error('x'))).toBe(false);
    expect(SketchStateError.isInstance(new InvalidOptionError({ option: 'x', message: 'x' }))).toBe(false);
  });
});
