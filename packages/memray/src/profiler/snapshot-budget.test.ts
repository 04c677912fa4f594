import { describe, expect, test } from 'vitest';
import { type SnapshotBudgetState, snapshotFitsBudget } from './snapshot-budget';

const mebibyte = 1024 * 1024;
const start: SnapshotBudgetState = {
  spentMs: 0,
  elapsedMs: 0,
  share: 0.02,
  allowanceMs: 100,
  millisecondsPerByte: 0,
  heapBytes: 40 * mebibyte,
};

describe('forced-GC budget: ~2 % of the run plus 100 ms, counting the GC about to be forced', () => {
  test('the first forced GC on a small heap fits the allowance (1 ms per MiB before any was measured)', () => {
    expect(snapshotFitsBudget(start)).toBe(true); // 40 ms ≤ 100 ms
  });

  test('the first forced GC on a large heap waits until the run is long enough to pay for it', () => {
    // papaparse's call starts on 380 MB of heap, mostly garbage the first forced GC would clear.
    const large = { ...start, heapBytes: 380 * mebibyte };
    expect(snapshotFitsBudget({ ...large, elapsedMs: 3000 })).toBe(false); // 380 > 160
    expect(snapshotFitsBudget({ ...large, elapsedMs: 14_000 })).toBe(true); // 380 ≤ 380
  });

  test("the next one is predicted from the last one's cost per live byte, times the heap now", () => {
    // papaparse: 25 ms left 71 MiB live; now 400 MiB are in use, all live: predicted 141 ms
    // (it took 329 ms; the old prediction from the 380 MiB heap before the GC said 26 ms).
    const after = {
      ...start,
      spentMs: 25,
      millisecondsPerByte: 25 / (71 * mebibyte),
      heapBytes: 400 * mebibyte,
    };
    expect(snapshotFitsBudget({ ...after, elapsedMs: 3000 })).toBe(false); // 25 + 141 > 160
    expect(snapshotFitsBudget({ ...after, elapsedMs: 3300 })).toBe(true); // 25 + 141 ≤ 166
  });

  test('a cheap last GC on a small heap predicts a cheap next one', () => {
    const after = {
      ...start,
      spentMs: 10,
      millisecondsPerByte: 10 / (20 * mebibyte),
      heapBytes: 30 * mebibyte,
    };
    expect(snapshotFitsBudget({ ...after, elapsedMs: 0 })).toBe(true); // 10 + 15 ≤ 100
    expect(snapshotFitsBudget({ ...after, spentMs: 90, elapsedMs: 0 })).toBe(false); // 90 + 15 > 100
  });

  test('before the first heap reading (NaN) nothing beyond the time spent is predicted', () => {
    const unknown = { ...start, heapBytes: Number.NaN };
    expect(snapshotFitsBudget({ ...unknown, spentMs: 100 })).toBe(true);
    expect(snapshotFitsBudget({ ...unknown, spentMs: 101 })).toBe(false);
  });
});
