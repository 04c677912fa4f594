/** A call frame as in the Chrome DevTools Protocol (`Runtime.CallFrame`); lines and columns are 0-based. */
export interface CallFrame {
  functionName: string;
  scriptId: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

/** A node of V8's sampling heap profile; `selfSize` is estimated bytes allocated directly in this frame. */
export interface SamplingHeapProfileNode {
  callFrame: CallFrame;
  selfSize: number;
  id: number;
  children: SamplingHeapProfileNode[];
}

/** V8's `SamplingHeapProfile`, which is also the `.heapprofile` file Chrome DevTools loads. */
export interface SamplingHeapProfile {
  head: SamplingHeapProfileNode;
  samples: { size: number; nodeId: number; ordinal: number }[];
}

/** Column order of `memory.records` rows. */
export const memoryColumns = ['time', 'rss', 'heapUsed', 'heapTotal', 'external', 'arrayBuffers'] as const;

/** One row: milliseconds since the epoch, then bytes in `memoryColumns` order. */
export type MemoryRecord = [number, number, number, number, number, number];

/** A garbage collection seen by a `PerformanceObserver` (times in ms since the epoch). */
export interface GcEvent {
  time: number;
  duration: number;
  kind: 'minor' | 'major' | 'incremental' | 'weakcb' | 'unknown';
}

/** A profile taken at the largest live heap seen (memray's high-water mark, approximate). */
export interface PeakSnapshot {
  time: number;
  heapUsed: number;
  profile: SamplingHeapProfile;
}

/** A call-tree node of a temporal capture: id, parent id (-1 for the root), then its call frame. */
export type TemporalNode = [
  id: number,
  parentId: number,
  functionName: string,
  url: string,
  lineNumber: number,
  columnNumber: number,
  scriptId: string,
];

/**
 * `--temporal`: the live samples at moments of the run (each a snapshot with a forced GC), over one
 * table of every call-tree node seen. A sample's ordinal grows with allocation order, which is how a
 * report tells what was allocated within a time range.
 */
export interface TemporalCapture {
  nodes: TemporalNode[];
  /** Epoch ms of each snapshot and its live samples, flattened as nodeId, size, ordinal. */
  snapshots: { time: number; samples: number[] }[];
}

/** What a worker thread or child process recorded (written by the agent, merged by the parent). */
export interface ThreadCapture {
  pid: number;
  threadId: number;
  kind: 'worker' | 'process';
  label: string;
  argv: string[];
  startTime: number;
  endTime: number;
  profile: SamplingHeapProfile | null;
  memory: MemoryRecord[];
  warnings: string[];
}

/** Everything one profiled call recorded: the `<fn>.<ts>.memray.json` file. */
export interface MemrayCapture {
  format: 'tasklens-memray';
  version: 1;
  metadata: {
    functionName: string;
    command: string[];
    pid: number;
    startTime: number;
    endTime: number;
    nodeVersion: string;
    v8Version: string;
    platform: string;
    /** 'live': objects still reachable (peak and leaks views); 'all': every sampled allocation, freed or not. */
    mode: 'live' | 'all';
    /** The interval of the final profile (with the adaptive default: the first one if the call ended before the switch). */
    samplingIntervalBytes: number;
    /** Adaptive default interval only: the interval the call started with (absent otherwise). */
    initialSamplingIntervalBytes?: number;
    /** Adaptive default interval only: epoch ms of the restart at `samplingIntervalBytes`, or null if the call ended first. */
    intervalSwitchedAt?: number | null;
    memoryIntervalMs: number;
    nativeTraces: boolean;
    followFork: boolean;
    followWorkers: boolean;
    heapSizeLimit: number;
    constrainedMemory: number | undefined;
    reporterArgs: string[];
    taskFailed: boolean;
    /** Set when the call ran unprofiled (another sampler was active, the inspector failed, ...). */
    profilingError: string | undefined;
    warnings: string[];
    peakCaptures: number;
    peakCaptureMs: number;
    /** The largest JS heap at which a due peak snapshot was declined, its forced GC predicted over the 2 % budget (absent: none was). */
    peakDeclinedHeapBytes?: number;
    /** Adaptive default interval only: the largest JS heap at which the due switch was deferred for the same budget (absent: never). */
    intervalSwitchDeferredHeapBytes?: number;
    memoryTicks: number;
    /** Snapshots taken for `--temporal` and the time they took (absent in older captures). */
    temporalSnapshots?: number;
    temporalSnapshotMs?: number;
    /** Set while the task runs: the file is a checkpoint until the finished capture replaces it. */
    checkpoint?: { writtenAt: number };
    /** 'heapprofile' when read from a bare `.heapprofile`: only the profile is known, the rest is placeholders. */
    origin?: 'heapprofile';
  };
  /** End-of-run profile: the live set after a forced GC ('live') or all sampled allocations ('all'). */
  final: SamplingHeapProfile | null;
  peak: PeakSnapshot | null;
  memory: MemoryRecord[];
  /** Every garbage collection of the main thread, or null when they were not tracked (the default). */
  gc: GcEvent[] | null;
  threads: ThreadCapture[];
  /** Only with `--temporal` (absent in older captures). */
  temporal?: TemporalCapture | null;
}
