import { describe, expect, test } from 'vitest';
import { syntheticCapture } from '../__fixtures__/synthetic-capture';
import type { MemrayCapture, SamplingHeapProfile } from './capture-format';
import { type CheckpointProgress, checkpointCapture } from './checkpoint-capture';

const profile: SamplingHeapProfile = {
  head: {
    callFrame: { functionName: '(root)', scriptId: '0', url: '', lineNumber: -1, columnNumber: -1 },
    selfSize: 0,
    id: 1,
    children: [],
  },
  samples: [],
};

function base(): MemrayCapture {
  const capture = syntheticCapture();
  const start = Date.UTC(2026, 10, 22, 10, 0, 0);
  return {
    ...capture,
    metadata: { ...capture.metadata, startTime: start, endTime: start, memoryTicks: 0 },
    final: null,
    memory: [[start, 1, 2, 3, 4, 5]],
    gc: null,
  };
}

function progress(overrides: Partial<CheckpointProgress> = {}): CheckpointProgress {
  return {
    writtenAt: Date.UTC(2026, 10, 22, 10, 0, 3, 250),
    records: [
      [Date.UTC(2026, 10, 22, 10, 0, 1), 10, 20, 30, 40, 50],
      [Date.UTC(2026, 10, 22, 10, 0, 3), 11, 21, 31, 41, 51],
    ],
    peak: null,
    peakCaptures: 0,
    peakCaptureMs: 0,
    ticks: 2,
    temporal: null,
    temporalCaptureMs: 0,
    warnings: [],
    ...overrides,
  };
}

describe('checkpointCapture', () => {
  test('appends the sidecar records to the first point and ends the run at the last one', () => {
    const capture = checkpointCapture(base(), progress());
    expect(capture.memory.map((record) => record[1])).toEqual([1, 10, 11]);
    expect(capture.metadata.endTime).toBe(Date.UTC(2026, 10, 22, 10, 0, 3));
    expect(capture.metadata.checkpoint).toEqual({ writtenAt: Date.UTC(2026, 10, 22, 10, 0, 3, 250) });
    expect(capture.metadata.memoryTicks).toBe(2);
    expect(capture.final).toBeNull();
  });

  test('says first that the process ended early, and where the profile comes from', () => {
    const withPeak = checkpointCapture(
      base(),
      progress({
        peak: { time: Date.UTC(2026, 10, 22, 10, 0, 2, 500), heapUsed: 1, profile },
        peakCaptures: 3,
        warnings: ['peak snapshot failed: x'],
      }),
    );
    expect(withPeak.metadata.warnings[0]).toBe(
      'This capture is a checkpoint written at 10:00:03.250 UTC while the task ran: the process ended before the task did (killed, out of memory or crashed). Memory over time stops there, and the flamegraph shows the largest live set snapshotted before then (at 10:00:02.500 UTC).',
    );
    expect(withPeak.metadata.warnings[1]).toBe('peak snapshot failed: x');
    expect(withPeak.metadata.peakCaptures).toBe(3);
    expect(withPeak.peak?.profile).toBe(profile);
    expect(checkpointCapture(base(), progress()).metadata.warnings[0]).toMatch(
      /no heap profile was taken before then \(the leaks and all-allocations views are read when the task ends\)\.$/,
    );
  });

  test('carries the temporal snapshots so far, and leaves temporal out when the run has none', () => {
    const temporal = { nodes: [], snapshots: [{ time: 1, samples: [] }] };
    const capture = checkpointCapture(base(), progress({ temporal, temporalCaptureMs: 7 }));
    expect(capture.temporal).toBe(temporal);
    expect(capture.metadata.temporalSnapshots).toBe(1);
    expect(capture.metadata.temporalSnapshotMs).toBe(7);
    expect(capture.metadata.warnings[0]).toMatch(/the profiles are the live sets snapshotted before then\.$/);
    expect('temporal' in checkpointCapture(base(), progress())).toBe(false);
  });

  test('is self-contained, since the sidecar thread receives it as source text', () => {
    const rebuilt = new Function(`return (${String(checkpointCapture)})`)() as typeof checkpointCapture;
    expect(rebuilt(base(), progress())).toEqual(checkpointCapture(base(), progress()));
  });
});
