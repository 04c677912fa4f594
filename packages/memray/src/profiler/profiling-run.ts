import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { redactSecrets } from '@tasklens/core/plugin';
import type {
  GcEvent,
  MemoryRecord,
  MemrayCapture,
  SamplingHeapProfile,
  ThreadCapture,
} from '../capture/capture-format';
import type { CapturePaths } from '../capture/capture-paths';
import { appendTemporalSnapshot } from '../capture/temporal-capture';
import { memrayProtocolSlot, memraySlot } from '../memray-slot';
import type { AgentConfig } from './agent-main';
import { ChildProcessFollower } from './child-process-follower';
import { SyncInspectorSession } from './inspector-session';
import { mainThreadCpuClock } from './main-thread-cpu-clock';
import { mergeSamplingProfiles } from './merge-profiles';
import { ProfilingUnavailableError } from './profiling-unavailable-error';
import { type Sidecar, startSidecar, stopSidecar } from './sidecar-host';
import type { HeapProbe, SidecarConfig, SidecarResult } from './sidecar-main';
import { WorkerFollower } from './worker-follower';

export interface ProfilingSettings {
  functionName: string;
  paths: CapturePaths;
  samplingIntervalBytes: number;
  mode: 'live' | 'all';
  /** Take peak snapshots (only meaningful for the live peak view). */
  peak: boolean;
  peakGrowthFactor: number;
  memoryIntervalMs: number;
  followWorkers: boolean;
  followFork: boolean;
  nativeTraces: boolean;
  reporterArgs: string[];
  /** Observe every GC (count and pause by kind); off by default because each costs ~20 µs. */
  trackGarbageCollection: boolean;
  /** Periodic live snapshots for `--temporal` reports. */
  temporal: boolean;
  /** Rewrite the capture file this often while the task runs (0: never), so a killed process leaves one. */
  checkpointIntervalMs: number;
  /**
   * Sample at `initialBytes` first and restart V8's sampler at `samplingIntervalBytes` once the
   * task's thread has used `switchAfterCpuMs` of CPU since the start (wall time where that cannot be
   * read) or has allocated at least `switchAfterBytes`, so a short task gets enough samples (null:
   * one interval throughout).
   */
  adaptiveInterval: { initialBytes: number; switchAfterCpuMs: number; switchAfterBytes: number } | null;
}

// Every version takes this lock: V8 has one sampling heap profiler per isolate.
const activeSlot = memrayProtocolSlot<boolean>('active', 1);
// Read by the sidecar through the inspector, as an expression evaluated on this thread.
const probeSlot = memraySlot<() => HeapProbe>('probe');
// Also evaluated on this thread at the sidecar's request: restarts the sampler at the coarser interval.
const switchSlot = memraySlot<() => SamplingHeapProfile | null>('switch-interval');
const gcKinds: Record<number, GcEvent['kind']> = {
  [constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
};

function otherHeapProfiler(): string | undefined {
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return flags.find((flag) => flag.startsWith('--heap-prof'));
}

/**
 * The sidecar reads the JS heap at most this often (RSS at every memoryIntervalMs). 10 ms, every
 * default tick: at 50 ms a task growing toward an out-of-memory kill could die between two reads
 * before its peak checkpoint (the OOM checkpoint test failed in CI at 50 ms, and once in 10 runs
 * beside two CPU burners), for a sidecar saving (0.45 → 0.31 ms a tick) within the bench's noise.
 */
const heapReadIntervalMs = 10;
/**
 * Far from the heap limit (below a quarter of it) the heap is read every 50 ms instead: each read
 * is an interrupt costing the task's thread ~38 µs (measured in bulk), so 100 reads a second cost
 * ~0.4 % of its CPU and 20 cost ~0.08 %. Near the limit, where an out-of-memory kill can come
 * between two reads, every 10 ms as before (the OOM checkpoint test runs with a 144 MiB limit).
 */
const farHeapReadIntervalMs = 50;

const youngSpaces = new Set(['new_space', 'new_large_object_space']);

// Named so the report can hide it: it runs on the main thread at the sidecar's request (~15 µs).
function tasklensMemrayProbe(): HeapProbe {
  const usage = process.memoryUsage();
  let youngUsed = 0;
  let youngCapacity = 0;
  for (const space of getHeapSpaceStatistics()) {
    if (!youngSpaces.has(space.space_name)) continue;
    youngUsed += space.space_used_size;
    youngCapacity += space.space_size;
  }
  return [usage.external, usage.arrayBuffers, usage.heapUsed, youngUsed, youngCapacity];
}

function memoryRecordNow(): MemoryRecord {
  const usage = process.memoryUsage();
  return [Date.now(), usage.rss, usage.heapUsed, usage.heapTotal, usage.external, usage.arrayBuffers];
}

/** One profiled call: the main-thread sampler, the sidecar, and the worker/child followers. */
export class ProfilingRun {
  private readonly gcEvents: GcEvent[] = [];
  private gcObserver: PerformanceObserver | undefined;
  private sidecar: Sidecar | undefined;
  /** Taken on the main thread before the task, so the series starts before it even if the sidecar is late. */
  private firstRecord: MemoryRecord | undefined;
  /** Taken on the main thread after the sidecar stopped: exact, and no round trip through the sidecar. */
  private lastRecord: MemoryRecord | undefined;
  private workers: WorkerFollower | undefined;
  private children: ChildProcessFollower | undefined;
  private readonly startTime = Date.now();
  private readonly warnings: string[] = [];
  /** Set when stop() begins: a switch the sidecar asks for after that must not touch the sampler. */
  private stopping = false;
  /** What the first, finer sampler recorded, when the adaptive interval switched. */
  private initialProfile: { profile: SamplingHeapProfile; time: number } | undefined;

  private constructor(
    private readonly settings: ProfilingSettings,
    private readonly inspector: SyncInspectorSession,
  ) {}

  /** Starts sampling; throws `ProfilingUnavailableError` (after cleaning up) when it cannot. */
  static async start(settings: ProfilingSettings): Promise<ProfilingRun> {
    if (activeSlot.get()) {
      throw new ProfilingUnavailableError('another memrayProfiling call is already profiling this process');
    }
    const flag = otherHeapProfiler();
    if (flag !== undefined) {
      throw new ProfilingUnavailableError(`Node runs with ${flag}, which owns V8's only heap sampler`);
    }
    const inspector = new SyncInspectorSession();
    try {
      inspector.post('HeapProfiler.enable');
      let foreign = false;
      // The expected failure builds a Node error; without a stack trace that costs ~0.3 ms, not ~4 ms.
      const stackTraceLimit = Error.stackTraceLimit;
      Error.stackTraceLimit = 0;
      try {
        inspector.post('HeapProfiler.getSamplingProfile');
        foreign = true;
      } catch {
        // Expected: nobody is sampling.
      } finally {
        Error.stackTraceLimit = stackTraceLimit;
      }
      if (foreign) {
        throw new ProfilingUnavailableError(
          'another heap sampler (DevTools, --heap-prof, @datadog/pprof, ...) is already running in this process',
        );
      }
      inspector.post('HeapProfiler.startSampling', {
        samplingInterval: settings.adaptiveInterval?.initialBytes ?? settings.samplingIntervalBytes,
        includeObjectsCollectedByMajorGC: settings.mode === 'all',
        includeObjectsCollectedByMinorGC: settings.mode === 'all',
      });
    } catch (error) {
      inspector.disconnect();
      if (ProfilingUnavailableError.isInstance(error)) throw error;
      throw new ProfilingUnavailableError(`the V8 heap sampler could not start: ${(error as Error).message}`);
    }
    activeSlot.set(true);
    const run = new ProfilingRun(settings, inspector);
    try {
      await run.startHelpers();
    } catch (error) {
      await run.stop().catch(() => undefined);
      throw new ProfilingUnavailableError(`profiling helpers could not start: ${(error as Error).message}`);
    }
    return run;
  }

  private async startHelpers(): Promise<void> {
    const settings = this.settings;
    probeSlot.set(tasklensMemrayProbe);
    const run = this;
    // Named so the report can hide it; runs on this thread in an interrupt, at the sidecar's request.
    switchSlot.set(function tasklensMemraySwitchInterval() {
      return run.switchInterval();
    });
    if (settings.trackGarbageCollection) {
      // Node turns every GC into a PerformanceEntry and a JS callback on the main thread, queued until
      // the task yields: ~20 µs each, 4-6 % of an allocation loop doing 2,000 scavenges a second.
      this.gcObserver = new PerformanceObserver((list) => this.recordGarbageCollections(list.getEntries()));
      this.gcObserver.observe({ entryTypes: ['gc'] });
    }
    this.firstRecord = memoryRecordNow();
    const heapEvery = Math.max(1, Math.round(heapReadIntervalMs / settings.memoryIntervalMs));
    const heapLimit = getHeapStatistics().heap_size_limit;
    const adaptive = settings.adaptiveInterval;
    const config: SidecarConfig = {
      intervalMs: settings.memoryIntervalMs,
      // RSS every interval (memray's memory_interval_ms); the JS heap, which interrupts the task's
      // thread, every heapReadIntervalMs (a longer interval is only worth it with a larger memoryIntervalMs).
      heapEvery,
      heapEveryFar: Math.max(1, Math.round(farHeapReadIntervalMs / settings.memoryIntervalMs)),
      nearHeapBytes: heapLimit / 4,
      // Unlike getHeapUsage, the probe runs JavaScript on the main thread (an evaluation): 10 a second.
      probeEvery: heapEvery * Math.max(1, Math.round(100 / (heapEvery * settings.memoryIntervalMs))),
      probeExpression: `${probeSlot.expression}()`,
      peak: {
        enabled: settings.peak,
        // While the adaptive interval samples finely, ~64 samples' worth (4 MiB at 64 KiB): a short
        // task gets its snapshot sooner, and its heap is small, so the forced GC is cheap.
        minimumGrowth:
          adaptive === null ? 16 * 1024 * 1024 : Math.min(16 * 1024 * 1024, 64 * adaptive.initialBytes),
        minimumGrowthAfterSwitch: 16 * 1024 * 1024,
        growth: settings.peakGrowthFactor,
        minSpacingMs: Math.max(50, settings.memoryIntervalMs),
        // What forced GCs may use beyond 2 % of the run: at 1 ms per MiB, a first one on a heap of up
        // to ~100 MiB. At 50 ms marked (8 M characters) lost its early snapshot on a 50 MB heap, and V8,
        // scheduling its mark-compacts from the live sets it saw, then ran one with 330 MB live just
        // before the call ended (~500 ms): 1.09 against 1.03 (10 alternating rounds each).
        allowanceMs: 100,
        garbageAllowance: 4 * 1024 * 1024,
      },
      maxRecords: 50_000,
      temporal: {
        enabled: settings.temporal,
        minSpacingMs: Math.max(50, settings.memoryIntervalMs),
        maxSnapshots: 256,
      },
      startProbe: tasklensMemrayProbe(),
      switchInterval:
        adaptive === null
          ? null
          : {
              afterCpuMs: adaptive.switchAfterCpuMs,
              startedAt: this.startTime,
              cpuClock: mainThreadCpuClock(),
              afterBytes: adaptive.switchAfterBytes,
              expression: `${switchSlot.expression}()`,
            },
      checkpoint:
        settings.checkpointIntervalMs > 0
          ? {
              path: settings.paths.capture,
              intervalMs: settings.checkpointIntervalMs,
              base: checkpointBase(emptyCapture(settings, this.startTime), this.firstRecord),
            }
          : null,
    };
    this.sidecar = startSidecar(config);
    const agent: AgentConfig = {
      directory: settings.paths.directory,
      stem: settings.paths.stem,
      samplingInterval: settings.samplingIntervalBytes,
      includeCollected: settings.mode === 'all',
      memoryIntervalMs: settings.memoryIntervalMs,
      parentPid: process.pid,
    };
    if (settings.followWorkers) {
      this.workers = new WorkerFollower(this.inspector, agent, this.sidecar.worker.threadId);
      this.workers.start();
    }
    if (settings.followFork) {
      this.children = new ChildProcessFollower(agent);
      this.children.start();
    }
  }

  /** Whether the adaptive interval has switched to the final interval yet. */
  get intervalSwitched(): boolean {
    return this.initialProfile !== undefined;
  }

  /** Restarts the sampler at the final interval, keeping what the first one recorded (also returned, for the sidecar's snapshots). */
  private switchInterval(): SamplingHeapProfile | null {
    if (this.stopping || this.initialProfile !== undefined || this.settings.adaptiveInterval === null)
      return null;
    let profile: SamplingHeapProfile;
    try {
      profile = this.inspector.post<{ profile: SamplingHeapProfile }>('HeapProfiler.stopSampling').profile;
    } catch (error) {
      this.warnings.push(`sampling interval switch failed: ${(error as Error).message}`);
      return null;
    }
    this.initialProfile = { profile, time: Date.now() };
    try {
      this.inspector.post('HeapProfiler.startSampling', {
        samplingInterval: this.settings.samplingIntervalBytes,
        includeObjectsCollectedByMajorGC: this.settings.mode === 'all',
        includeObjectsCollectedByMinorGC: this.settings.mode === 'all',
      });
    } catch (error) {
      this.warnings.push(`heap sampler restart failed, sampling stopped: ${(error as Error).message}`);
    }
    return profile;
  }

  private recordGarbageCollections(entries: PerformanceEntry[]): void {
    for (const entry of entries) {
      const kind = gcKinds[(entry as { detail?: { kind?: number } }).detail?.kind ?? -1] ?? 'unknown';
      this.gcEvents.push({ time: performance.timeOrigin + entry.startTime, duration: entry.duration, kind });
    }
  }

  /** Node creates GC entries in a native immediate; one turn of the loop later they are buffered. */
  private async stopObservingGarbageCollections(): Promise<void> {
    const observer = this.gcObserver;
    if (observer === undefined) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.recordGarbageCollections(observer.takeRecords());
    observer.disconnect();
  }

  private async stopSidecar(): Promise<SidecarResult | undefined> {
    if (this.sidecar === undefined) return undefined;
    try {
      return await stopSidecar(this.sidecar);
    } catch (error) {
      this.warnings.push(`memory sampler failed: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** Stops everything and assembles the capture (files are written by the caller). */
  async stop(taskFailed = false): Promise<MemrayCapture> {
    this.stopping = true;
    try {
      this.children?.stop();
      if (this.workers) this.warnings.push(...(await this.workers.stop()));
      // The sidecar winds down on its thread while this one stops the sampler (a forced full GC).
      const sidecarStopped = this.stopSidecar();
      this.lastRecord = memoryRecordNow();
      let final: SamplingHeapProfile | null = null;
      try {
        final = this.inspector.post<{ profile: SamplingHeapProfile }>('HeapProfiler.stopSampling').profile;
      } catch (error) {
        // No sampler after a failed restart: the first one's profile is all there is.
        if (this.initialProfile === undefined)
          this.warnings.push(`heap sampler stop failed: ${(error as Error).message}`);
      }
      const initial = this.initialProfile;
      const sidecar = await sidecarStopped;
      await this.stopObservingGarbageCollections();
      // The end of the run is the temporal capture's last snapshot.
      const temporal = sidecar?.temporal ?? null;
      if (temporal !== null && final !== null) appendTemporalSnapshot(temporal, final, this.lastRecord[0]);
      if (sidecar) this.warnings.push(...sidecar.warnings);
      const peak = sidecar?.peak ?? null;
      if (initial !== undefined) {
        // Live mode: the first profile holds what was live at the switch (some of it may have been
        // freed since); 'all' mode: everything allocated before it. Either way it belongs to every
        // later view, which the second sampler alone would miss (the sidecar merges its snapshots).
        final = final === null ? initial.profile : mergeSamplingProfiles(initial.profile, final);
      }
      return {
        format: 'tasklens-memray',
        version: 1,
        metadata: {
          ...baseMetadata(this.settings, this.startTime),
          ...(this.settings.adaptiveInterval === null
            ? {}
            : {
                samplingIntervalBytes:
                  initial === undefined
                    ? this.settings.adaptiveInterval.initialBytes
                    : this.settings.samplingIntervalBytes,
                initialSamplingIntervalBytes: this.settings.adaptiveInterval.initialBytes,
                intervalSwitchedAt: initial?.time ?? null,
              }),
          taskFailed,
          warnings: this.warnings.map(redactSecrets),
          peakCaptures: sidecar?.peakCaptures ?? 0,
          peakCaptureMs: sidecar?.peakCaptureMs ?? 0,
          ...(sidecar !== undefined && sidecar.peakDeclinedHeapBytes > 0
            ? { peakDeclinedHeapBytes: sidecar.peakDeclinedHeapBytes }
            : {}),
          ...(sidecar !== undefined && sidecar.switchDeferredHeapBytes > 0
            ? { intervalSwitchDeferredHeapBytes: sidecar.switchDeferredHeapBytes }
            : {}),
          memoryTicks: sidecar?.ticks ?? 0,
          ...(this.settings.temporal
            ? {
                temporalSnapshots: temporal?.snapshots.length ?? 0,
                temporalSnapshotMs: sidecar?.temporalCaptureMs ?? 0,
              }
            : {}),
        },
        final,
        peak,
        // A tick that started as 'stop' was posted can be a little later than the last record.
        memory: [
          ...(this.firstRecord ? [this.firstRecord] : []),
          ...(sidecar?.records ?? []),
          ...(this.lastRecord ? [this.lastRecord] : []),
        ].sort((left, right) => left[0] - right[0]),
        gc: this.settings.trackGarbageCollection ? this.gcEvents : null,
        threads: readThreadCaptures(this.settings.paths.directory, this.settings.paths.stem, this.warnings),
        ...(this.settings.temporal ? { temporal } : {}),
      };
    } finally {
      this.gcObserver?.disconnect();
      try {
        this.inspector.post('HeapProfiler.disable');
      } catch {
        // Nothing left to disable.
      }
      this.inspector.disconnect();
      probeSlot.set(undefined);
      switchSlot.set(undefined);
      activeSlot.set(false);
    }
  }
}

function baseMetadata(settings: ProfilingSettings, startTime: number) {
  return {
    functionName: settings.functionName,
    // Command lines can carry secrets (`--token=...`): known secret values are masked.
    command: process.argv.map(redactSecrets),
    pid: process.pid,
    startTime,
    endTime: Date.now(),
    nodeVersion: process.versions.node,
    v8Version: process.versions.v8,
    platform: `${process.platform} ${process.arch}`,
    mode: settings.mode,
    samplingIntervalBytes: settings.adaptiveInterval?.initialBytes ?? settings.samplingIntervalBytes,
    memoryIntervalMs: settings.memoryIntervalMs,
    nativeTraces: settings.nativeTraces,
    followFork: settings.followFork,
    followWorkers: settings.followWorkers,
    heapSizeLimit: getHeapStatistics().heap_size_limit,
    constrainedMemory: process.constrainedMemory?.(),
    reporterArgs: settings.reporterArgs,
    profilingError: undefined as string | undefined,
  };
}

/** A capture for a call that ran unprofiled: the report still explains what happened. */
export function unprofiledCapture(
  settings: ProfilingSettings,
  reason: string,
  taskFailed: boolean,
): MemrayCapture {
  const capture = emptyCapture(settings, Date.now());
  return { ...capture, metadata: { ...capture.metadata, profilingError: redactSecrets(reason), taskFailed } };
}

/**
 * What the sidecar's checkpoints start from. The command line is left out: a secret the task reads
 * later could not be masked in it by the sidecar thread (the finished capture has it, masked).
 */
function checkpointBase(capture: MemrayCapture, firstRecord: MemoryRecord): MemrayCapture {
  return { ...capture, metadata: { ...capture.metadata, command: [] }, memory: [firstRecord] };
}

/** A capture with metadata and nothing recorded yet. */
function emptyCapture(settings: ProfilingSettings, startTime: number): MemrayCapture {
  return {
    format: 'tasklens-memray',
    version: 1,
    metadata: {
      ...baseMetadata(settings, startTime),
      taskFailed: false,
      warnings: [],
      peakCaptures: 0,
      peakCaptureMs: 0,
      memoryTicks: 0,
    },
    final: null,
    peak: null,
    memory: [],
    gc: null,
    threads: [],
  };
}

function readThreadCaptures(directory: string, stem: string, warnings: string[]): ThreadCapture[] {
  const pattern = new RegExp(`^${stem.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.(\\d+)\\.json$`);
  const captures: ThreadCapture[] = [];
  for (const name of readdirSync(directory)) {
    if (!pattern.test(name)) continue;
    try {
      const capture = JSON.parse(readFileSync(join(directory, name), 'utf8')) as ThreadCapture;
      // Written by the child, which does not know the parent's secrets.
      captures.push({
        ...capture,
        argv: capture.argv.map(redactSecrets),
        warnings: capture.warnings.map(redactSecrets),
      });
    } catch (error) {
      warnings.push(`unreadable thread capture ${name}: ${(error as Error).message}`);
    }
    // Merged into the main capture; keeping both would double the disk use.
    rmSync(join(directory, name), { force: true });
  }
  return captures.sort((left, right) => left.pid - right.pid || left.threadId - right.threadId);
}
