import { describe, expect, it } from 'vitest';
import { HllSketch } from '../sketches';
import { DatasetProfile } from './dataset-profile';
import { RepeatFilter } from './repeat-filter';

describe('RepeatFilter', () => {
  it('reports only first sightings', () => {
    const filter = new RepeatFilter<number>();
    expect([1, 2, 1, 3, 2].map((value) => filter.isNew(value))).toEqual([true, true, false, true, false]);
  });

  it('leaves the HLL bit-identical to feeding every value, through LIST, SET and HLL modes', () => {
    const values = Array.from({ length: 200_000 }, (_, index) => (index * 7919) % 5003);
    const direct = HllSketch.create();
    for (const value of values) direct.updateInteger(value);
    const view = new DatasetProfile({ creationTimestamp: 1 })
      .track(values.map((value) => ({ v: value })))
      .view();
    const component = view.getColumn('v')!.getComponent('cardinality/hll');
    if (component?.kind !== 'hll') throw new Error('no hll');
    expect(
      Buffer.from(component.sketch.serializeCompact()).equals(Buffer.from(direct.serializeCompact())),
    ).toBe(true);
    expect(component.sketch.estimate).toBe(direct.estimate);
  });
});
