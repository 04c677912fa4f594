import { describe, expect, test } from 'vitest';
import { selectTemporalRange, type TemporalReportData } from './select-temporal-range';

// Node 1 allocates early and frees it; node 2 allocates later and keeps it. Ordinals grow with time.
const temporal = (leaks: boolean): TemporalReportData => ({
  times: [0, 100, 200, 300],
  samples: [[], [1, 500, 1, 1, 500, 2], [1, 500, 1, 1, 500, 2, 2, 100, 3], [2, 100, 3, 2, 100, 4]],
  maxOrdinal: [0, 2, 3, 4],
  leaks,
  nodes: [1, 2],
});

describe('selectTemporalRange (memray --temporal semantics)', () => {
  test('the high-water mark of a range is the snapshot with the most live bytes inside it', () => {
    const whole = selectTemporalRange(temporal(false), Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    expect(whole.snapshot).toBe(2);
    expect(Object.fromEntries(whole.bytes)).toEqual({ 1: 1000, 2: 100 });
    expect(Object.fromEntries(whole.counts)).toEqual({ 1: 2, 2: 1 });
    expect(whole.total).toBe(1100);
    const late = selectTemporalRange(temporal(false), 250, 400);
    expect(late.snapshot).toBe(3);
    expect(Object.fromEntries(late.bytes)).toEqual({ 2: 200 });
  });

  test('a range between two snapshots shows the nearest one', () => {
    expect(selectTemporalRange(temporal(false), 120, 140).snapshot).toBe(1);
    expect(selectTemporalRange(temporal(false), 260, 290).snapshot).toBe(3);
  });

  test('--leaks: allocated within the range and still live at its end', () => {
    // From the start: everything live at the end of the range.
    expect(Object.fromEntries(selectTemporalRange(temporal(true), 0, 300).bytes)).toEqual({ 2: 200 });
    // From 150 ms: only what came after the snapshot at 100 ms (ordinal > 2).
    const late = selectTemporalRange(temporal(true), 150, 250);
    expect(late.snapshot).toBe(2);
    expect(late.threshold).toBe(2);
    expect(Object.fromEntries(late.bytes)).toEqual({ 2: 100 });
    // Ending at 150 ms: the early allocations were still live then.
    expect(Object.fromEntries(selectTemporalRange(temporal(true), 0, 150).bytes)).toEqual({ 1: 1000 });
  });

  test('runs unchanged as the report does it: serialised with String() and evaluated', () => {
    const revived = new Function(`return (${String(selectTemporalRange)})`)() as typeof selectTemporalRange;
    expect(revived(temporal(false), 0, 1000).total).toBe(1100);
  });
});
