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
    samplingIntervalBytes: number;
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
    memoryTicks: number;
  };
  /** End-of-run profile: the live set after a forced GC ('live') or all sampled allocations ('all'). */
  final: SamplingHeapProfile | null;
  peak: PeakSnapshot | null;
  memory: MemoryRecord[];
  /** Every garbage collection of the main thread, or null when they were not tracked (the default). */
  gc: GcEvent[] | null;
  threads: ThreadCapture[];
}
