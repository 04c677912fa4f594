import { describe, expect, test } from 'vitest';
import { type SnapshotBudgetState, snapshotFitsBudget } from './snapshot-budget';

const start: SnapshotBudgetState = {
  spentMs: 0,
  elapsedMs: 0,
  share: 0.02,
  allowanceMs: 50,
  lastDurationMs: 0,
  lastHeapBytes: 0,
  heapBytes: 40e6,
};

describe('peak snapshot budget: ~2 % of the run plus 50 ms, counting the snapshot about to be taken', () => {
  test('the first snapshot of a run is always within the allowance', () => {
    expect(snapshotFitsBudget(start)).toBe(true);
  });

  test('a snapshot on a heap 4x larger than the last is predicted to cost 4x as long', () => {
    // 20 ms spent on a 34 MB heap; now 136 MB: predicted 80 ms, so 100 ms must be affordable.
    const after = { ...start, spentMs: 20, lastDurationMs: 20, lastHeapBytes: 34e6, heapBytes: 136e6 };
    expect(snapshotFitsBudget({ ...after, elapsedMs: 2400 })).toBe(false); // 48 + 50 < 100
    expect(snapshotFitsBudget({ ...after, elapsedMs: 2500 })).toBe(true); // 50 + 50 = 100
    // Checking the time spent alone (20 ≤ 98 ms) would have taken it, overshooting the budget.
  });

  test('a smaller heap than at the last snapshot is predicted no cheaper than that one', () => {
    const after = { ...start, spentMs: 60, lastDurationMs: 60, lastHeapBytes: 100e6, heapBytes: 10e6 };
    expect(snapshotFitsBudget({ ...after, elapsedMs: 3400 })).toBe(false); // 68 + 50 < 120
    expect(snapshotFitsBudget({ ...after, elapsedMs: 3500 })).toBe(true); // 70 + 50 = 120
  });

  test('a tick without a heap reading (NaN) predicts nothing beyond the time spent', () => {
    const after = { ...start, spentMs: 40, lastDurationMs: 40, lastHeapBytes: 30e6, heapBytes: Number.NaN };
    expect(snapshotFitsBudget({ ...after, elapsedMs: 0 })).toBe(true);
    expect(snapshotFitsBudget({ ...after, spentMs: 51, elapsedMs: 0 })).toBe(false);
  });
});
