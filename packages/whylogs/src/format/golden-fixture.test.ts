import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DatasetProfileView } from '../profile/dataset-profile-view';
import { toHex } from '../test-support/bytes';
import { fixturePath } from '../test-support/read-fixture';

// Spec §1.6: a real profile written by Python whylogs 1.0.x on macOS in May 2022.
const bytes = new Uint8Array(readFileSync(fixturePath('whylogs/my_profile_2022.bin')));

describe('golden fixture my_profile_2022.bin', () => {
  const view = DatasetProfileView.deserialize(bytes);

  it('has the three columns, timestamps and the old 14-path component set', () => {
    expect(bytes.length).toBe(1115);
    expect(view.columnNames).toEqual(['col_1', 'col_2', 'col_3']);
    expect(view.creationTimestamp).toBe(1653606247484);
    expect(view.datasetTimestamp).toBe(1653606247484);
    expect(view.metadata.size).toBe(0);
    const paths = new Set(view.columnNames.flatMap((name) => view.getColumn(name)!.componentPaths));
    expect(paths.size).toBe(14);
    expect(paths.has('counts/nan')).toBe(false);
    expect(paths.has('types/tensor')).toBe(false);
  });

  it('decodes col_1 (Fractional): preInts-5 KLL with k 256, mean and m2, HLL coupons', () => {
    const column = view.getColumn('col_1')!;
    const kll = column.getComponent('distribution/kll');
    if (kll?.kind !== 'kll') throw new Error('no kll');
    expect(kll.sketch.k).toBe(256);
    expect(kll.sketch.n).toBe(4);
    expect(kll.sketch.min).toBe(0.1);
    expect(kll.sketch.max).toBe(2.2);
    expect(column.getComponent('distribution/mean')).toMatchObject({ kind: 'd', value: 1.125 });
    expect(column.getComponent('distribution/m2')).toMatchObject({ kind: 'd', value: 2.2275000000000005 });
    const hll = column.getComponent('cardinality/hll');
    if (hll?.kind !== 'hll') throw new Error('no hll');
    expect(toHex(hll.sketch.serializeCompact())).toBe('0201070c030804000ba59d0f1168d50430241d07fc50e30d');
    const summary = column.toSummaryDict();
    expect(summary['distribution/q_25']).toBe(1.0);
    expect(summary['distribution/median']).toBe(1.2);
    expect(summary['distribution/stddev']).toBe(0.8616843969807044);
  });

  it('decodes col_2 (String): HLL and four frequent strings, no KLL', () => {
    const column = view.getColumn('col_2')!;
    expect(column.getComponent('distribution/kll')).toBeUndefined();
    const hll = column.getComponent('cardinality/hll');
    if (hll?.kind !== 'hll') throw new Error('no hll');
    expect(toHex(hll.sketch.serializeCompact())).toBe('0201070c0308040036a8a10b2f3e970cfa0c8e154fefb505');
    const items = column.toSummaryDict()['frequent_items/frequent_strings'] as {
      value: string;
      est: number;
    }[];
    expect(items.map((item) => item.value).sort()).toEqual(['column', 'example', 'some', 'text']);
    expect(items.every((item) => item.est === 1)).toBe(true);
  });

  it('decodes col_3 (Integral, old double path): mean 3.5, m2 5.0, KLL 2..5, FI as "%f" text, ints', () => {
    const column = view.getColumn('col_3')!;
    const summary = column.toSummaryDict();
    expect(summary['distribution/mean']).toBe(3.5);
    expect(column.getComponent('distribution/m2')).toMatchObject({ kind: 'd', value: 5 });
    const kll = column.getComponent('distribution/kll');
    if (kll?.kind !== 'kll') throw new Error('no kll');
    expect(kll.sketch.k).toBe(256);
    expect(kll.sketch.getQuantiles([0, 0.3, 0.6, 1])).toEqual([2, 3, 4, 5]);
    const items = summary['frequent_items/frequent_strings'] as { value: string; est: number }[];
    expect(items.map((item) => item.value).sort()).toEqual(['2.000000', '3.000000', '4.000000', '5.000000']);
    expect(column.getComponent('ints/max')).toEqual({ typeId: 2, kind: 'n', value: 5n });
    expect(column.getComponent('ints/min')).toEqual({ typeId: 1, kind: 'n', value: 2n });
    expect(summary['ints/max']).toBe(5);
    expect(summary['counts/n']).toBe(4);
  });

  it('re-writes the fixture so that it reads back with the same summary', () => {
    const again = DatasetProfileView.deserialize(view.serialize());
    expect(again.toSummary()).toEqual(view.toSummary());
  });
});
