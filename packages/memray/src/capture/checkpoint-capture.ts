import type { MemoryRecord, MemrayCapture, PeakSnapshot, TemporalCapture } from './capture-format';

/** What the sidecar thread has recorded so far in a run. */
export interface CheckpointProgress {
  /** Epoch ms at which this checkpoint is written. */
  writtenAt: number;
  records: MemoryRecord[];
  peak: PeakSnapshot | null;
  peakCaptures: number;
  peakCaptureMs: number;
  ticks: number;
  temporal: TemporalCapture | null;
  temporalCaptureMs: number;
  warnings: string[];
}

/**
 * The capture as it would stand if the process ended now: memray's file survives a SIGKILL or an
 * out-of-memory kill because it is written as the program runs, so ours is checkpointed under the
 * same name. `base` is what the main thread knew at the start. The sidecar thread gets this
 * function with `String()`, so it must stay self-contained.
 */
export function checkpointCapture(base: MemrayCapture, progress: CheckpointProgress): MemrayCapture {
  const memory = [...base.memory, ...progress.records];
  const lastTime = memory.length > 0 ? memory[memory.length - 1]![0] : progress.writtenAt;
  const clock = (time: number) => new Date(time).toISOString().slice(11, 23);
  const profileNote =
    progress.peak !== null
      ? `the flamegraph shows the largest live set snapshotted before then (at ${clock(progress.peak.time)} UTC)`
      : progress.temporal !== null && progress.temporal.snapshots.length > 0
        ? 'the profiles are the live sets snapshotted before then'
        : 'no heap profile was taken before then (the leaks and all-allocations views are read when the task ends)';
  const note =
    `This capture is a checkpoint written at ${clock(progress.writtenAt)} UTC while the task ran: ` +
    `the process ended before the task did (killed, out of memory or crashed). ` +
    `Memory over time stops there, and ${profileNote}.`;
  return {
    ...base,
    metadata: {
      ...base.metadata,
      endTime: lastTime,
      checkpoint: { writtenAt: progress.writtenAt },
      warnings: [note, ...base.metadata.warnings, ...progress.warnings],
      peakCaptures: progress.peakCaptures,
      peakCaptureMs: progress.peakCaptureMs,
      memoryTicks: progress.ticks,
      ...(progress.temporal !== null
        ? {
            temporalSnapshots: progress.temporal.snapshots.length,
            temporalSnapshotMs: progress.temporalCaptureMs,
          }
        : {}),
    },
    peak: progress.peak,
    memory,
    ...(progress.temporal !== null ? { temporal: progress.temporal } : {}),
  };
}
