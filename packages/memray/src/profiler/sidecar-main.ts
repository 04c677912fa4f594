// This function runs in its own worker thread: it is serialised with `String(sidecarMain)` and
// must not use anything from the surrounding module; builtins come through `load`, because
// bundlers rewrite a literal `require`.
import type { MemrayCapture, SamplingHeapProfile, TemporalCapture } from '../capture/capture-format';
import type { CheckpointProgress } from '../capture/checkpoint-capture';
import type { MainThreadCpuClock } from './main-thread-cpu-clock';
import type { SnapshotBudgetState } from './snapshot-budget';

/** What the sidecar sends back when asked to stop. */
export interface SidecarResult {
  records: [number, number, number, number, number, number][];
  ticks: number;
  peak: { time: number; heapUsed: number; profile: any } | null;
  peakCaptures: number;
  peakCaptureMs: number;
  /** The largest JS heap at which a due peak snapshot was declined as over the forced-GC budget (0: none was). */
  peakDeclinedHeapBytes: number;
  /** The largest JS heap at which the due adaptive switch was deferred as over that budget (0: never). */
  switchDeferredHeapBytes: number;
  /** `--temporal` snapshots. */
  temporal: TemporalCapture | null;
  temporalCaptureMs: number;
  warnings: string[];
}

/** What the main-thread probe returns: [external, arrayBuffers, heapUsed, youngUsed, youngCapacity]. */
export type HeapProbe = [number, number, number, number, number];

export interface SidecarConfig {
  intervalMs: number;
  /**
   * Read the JS heap (an inspector interrupt on the main thread, ~30 µs there and a round trip here)
   * every n-th tick; the other ticks record RSS alone, which this thread reads for free, as memray's
   * own memory thread does. Heap columns of those points are NaN (null in the capture).
   */
  heapEvery: number;
  /** Read the JS heap every n-th tick instead while it is below `nearHeapBytes` (far from the limit). */
  heapEveryFar: number;
  nearHeapBytes: number;
  /** Read external/arrayBuffers (a tiny evaluation on the main thread) every n-th tick; a multiple of heapEvery. */
  probeEvery: number;
  probeExpression: string;
  peak: {
    enabled: boolean;
    /** Old-generation growth over the start before the first snapshot. */
    minimumGrowth: number;
    /** The same once the adaptive interval has switched to the coarser interval. */
    minimumGrowthAfterSwitch: number;
    growth: number;
    /** Old-generation garbage (promoted, then dropped) that may sit above the live heap without a new peak. */
    garbageAllowance: number;
    minSpacingMs: number;
    allowanceMs: number;
  };
  maxRecords: number;
  temporal: {
    enabled: boolean;
    /** At least this long between snapshots, and at least 20 times the last one's duration (≤ ~5 % of the run). */
    minSpacingMs: number;
    /** Beyond this, every other snapshot is dropped and the spacing doubles. */
    maxSnapshots: number;
  };
  /** The main thread's probe just before the task: the sidecar may start after the task allocated. */
  startProbe: HeapProbe;
  /**
   * Adaptive interval: once the main thread has used `afterCpuMs` of CPU since the run started (read
   * from `cpuClock`; without one, once the run is `afterCpuMs` old by the wall clock), or once the
   * heap readings show `afterBytes` allocated (a lower bound: the sum of the rises between two
   * readings, blind to garbage freed in between), evaluate `expression` on the main thread, which
   * restarts the sampler at the coarser interval. The finer sampler's cost is per sample, and
   * samples come only while that thread runs: its CPU time bounds the cost for any allocation rate.
   */
  switchInterval: {
    afterCpuMs: number;
    afterBytes: number;
    expression: string;
    startedAt: number;
    cpuClock: MainThreadCpuClock | null;
  } | null;
  /** Rewrite `path` with what was recorded so far (atomically, through `path`.tmp), so a killed process leaves a capture. */
  checkpoint: { path: string; intervalMs: number; base: MemrayCapture } | null;
}

/**
 * The memory-over-time sampler. It lives in a worker so it keeps ticking while the task blocks the
 * main thread: the inspector delivers `Runtime.getHeapUsage` to the main isolate through V8
 * interrupts. It also takes the peak snapshots (`HeapProfiler.getSamplingProfile` on the main
 * isolate) when the heap could exceed the best live set captured so far.
 */
export function sidecarMain(
  load: (name: string) => any,
  appendSnapshot: (temporal: TemporalCapture, profile: SamplingHeapProfile, time: number) => void,
  buildCheckpoint: (base: MemrayCapture, progress: CheckpointProgress) => MemrayCapture,
  snapshotFitsBudget: (state: SnapshotBudgetState) => boolean,
  mergeProfiles: (first: SamplingHeapProfile, second: SamplingHeapProfile) => SamplingHeapProfile,
): void {
  const { parentPort } = load('node:worker_threads');
  const { readFileSync, renameSync, writeFileSync, rmSync } = load('node:fs');
  const { Session } = load('node:inspector');
  // Connected only while a run is profiled: a session left connected to the main thread makes
  // `process.exit()` print "Waiting for the debugger to disconnect..." (tasklens execute exits so).
  let session = new Session();
  const post = (method: string, params?: object): Promise<any> =>
    new Promise((resolve, reject) => {
      session.post(method, params ?? {}, (error: Error | null, result: any) =>
        error ? reject(error) : resolve(result),
      );
    });
  function createRun(config: SidecarConfig) {
    const records: SidecarResult['records'] = [];
    const warnings: string[] = [];
    let stride = 1;
    let ticks = 0;
    let rssAtHeapRead = 0;
    let external = 0;
    let arrayBuffers = 0;
    let best = 0;
    // Peaks are judged on the old generation: young garbage (up to the young generation's capacity)
    // comes and goes with every scavenge and would otherwise look like growth. baseOld is the old
    // generation just before the task, so what the task holds is compared with `best`, the live
    // bytes the best snapshot sampled (read at the snapshot's forced GC, not later, when the task
    // may have allocated more).
    const [, , startHeapUsed, startYoungUsed, startYoungCapacity] = config.startProbe;
    let baseOld = startHeapUsed - startYoungUsed;
    let lastHeapUsed = startHeapUsed;
    let minimumGrowth = config.peak.minimumGrowth;
    let switchPending = config.switchInterval !== null;
    let allocatedAtLeast = 0;
    // The first sampler's profile once the adaptive interval switched: later snapshots lack it.
    let initialProfile: SamplingHeapProfile | null = null;
    let previousHeapUsed = startHeapUsed;
    let youngCapacity = startYoungCapacity;
    let peak: SidecarResult['peak'] = null;
    let peakCaptures = 0;
    let peakCaptureMs = 0;
    // Forced full GCs (peak snapshots and the switch) share one budget; the last snapshot's cost
    // per live byte predicts the next one's.
    let forcedGcMs = 0;
    let millisecondsPerByte = 0;
    let peakDeclinedHeapBytes = 0;
    let switchDeferredHeapBytes = 0;
    let nextCaptureAt = 0;
    let spacing = config.peak.minSpacingMs;
    let stopping = false;
    const startedAt = Date.now();
    const temporal: TemporalCapture = { nodes: [], snapshots: [] };
    let temporalSpacing = config.temporal.minSpacingMs;
    let nextTemporalAt = 0;
    let temporalCaptureMs = 0;
    let checkpoint = config.checkpoint;
    let nextCheckpointAt = startedAt + (checkpoint?.intervalMs ?? 0);

    // Written on this thread, so the task never waits for it; a new peak is worth writing at once.
    function writeCheckpoint(): void {
      if (checkpoint === null) return;
      const temporary = `${checkpoint.path}.tmp`;
      try {
        const capture = buildCheckpoint(checkpoint.base, {
          writtenAt: Date.now(),
          records,
          peak,
          peakCaptures,
          peakCaptureMs,
          ticks,
          temporal: config.temporal.enabled ? temporal : null,
          temporalCaptureMs,
          warnings,
        });
        writeFileSync(temporary, JSON.stringify(capture));
        renameSync(temporary, checkpoint.path);
      } catch (error) {
        warnings.push(`checkpoints stopped: ${(error as Error).message}`);
        rmSync(temporary, { force: true });
        checkpoint = null;
        return;
      }
      nextCheckpointAt = Date.now() + checkpoint.intervalMs;
    }

    const recordTemporal = (profile: SamplingHeapProfile, time: number) => {
      appendSnapshot(temporal, profile, time);
      if (temporal.snapshots.length > config.temporal.maxSnapshots) {
        // Keep an even spread over the whole run: every other snapshot, at half the rate from now on.
        temporal.snapshots = temporal.snapshots.filter((_, index) => index % 2 === 0);
        temporalSpacing *= 2;
      }
    };

    async function temporalTick(): Promise<void> {
      const started = Date.now();
      try {
        // Forces a full GC on the main isolate: the samples are what was live then. The clock is read
        // on the main thread in the same interrupt, since a busy main thread answers late.
        const snapshot = post('HeapProfiler.getSamplingProfile');
        const clock = post('Runtime.evaluate', {
          expression: 'Date.now()',
          returnByValue: true,
          silent: true,
        });
        const { profile } = await snapshot;
        const takenAt = await clock.catch(() => undefined);
        recordTemporal(profile, typeof takenAt?.result?.value === 'number' ? takenAt.result.value : started);
      } catch (error) {
        if (!stopping) warnings.push(`temporal snapshot failed: ${(error as Error).message}`);
      }
      const duration = Date.now() - started;
      temporalCaptureMs += duration;
      nextTemporalAt = Date.now() + Math.max(temporalSpacing, 20 * duration);
    }

    // ~20 µs on this thread, and only until the switch.
    const switchBudgetSpent = (switchInterval: NonNullable<SidecarConfig['switchInterval']>): boolean => {
      const clock = switchInterval.cpuClock;
      if (clock !== null) {
        try {
          const nanoseconds = Number(readFileSync(clock.path, 'utf8').split(' ')[0]);
          if (Number.isFinite(nanoseconds))
            return nanoseconds - clock.startNanoseconds >= switchInterval.afterCpuMs * 1e6;
        } catch {
          // Fall back to the wall clock below.
        }
      }
      return Date.now() - switchInterval.startedAt >= switchInterval.afterCpuMs;
    };

    const forcedGcFits = (): boolean =>
      snapshotFitsBudget({
        spentMs: forcedGcMs,
        elapsedMs: Date.now() - startedAt,
        share: 0.02,
        allowanceMs: config.peak.allowanceMs,
        millisecondsPerByte,
        heapBytes: lastHeapUsed,
      });

    // The heap used just after a forced GC is what it marked (it has not allocated much since).
    const recordForcedGc = (started: number, heapAfter: number | undefined): number => {
      const duration = Date.now() - started;
      forcedGcMs += duration;
      if (heapAfter !== undefined && Number.isFinite(heapAfter))
        millisecondsPerByte = duration / Math.max(heapAfter, 1024 * 1024);
      return duration;
    };

    const sumSelf = (node: any): number => {
      let total = node.selfSize;
      for (const child of node.children) total += sumSelf(child);
      return total;
    };

    async function tick(forceProbe: boolean): Promise<void> {
      const time = Date.now();
      const rss = process.memoryUsage.rss();
      let heapUsed = Number.NaN;
      let heapTotal = Number.NaN;
      // Also read the heap at once when RSS has jumped since the last read: a fast-growing task can
      // run out of memory between two scheduled reads, before a peak snapshot or checkpoint.
      const heapEvery = lastHeapUsed >= config.nearHeapBytes ? config.heapEvery : config.heapEveryFar;
      if (forceProbe || ticks % heapEvery === 0 || rss - rssAtHeapRead > 8 * 1024 * 1024) {
        rssAtHeapRead = rss;
        try {
          const usage = await post('Runtime.getHeapUsage');
          heapUsed = usage.usedSize;
          heapTotal = usage.totalSize;
          lastHeapUsed = heapUsed;
          allocatedAtLeast += Math.max(0, heapUsed - previousHeapUsed);
          previousHeapUsed = heapUsed;
        } catch {
          // The main isolate is shutting down; keep the RSS point.
        }
      }
      // Conservative between probes: as if the young generation were full of garbage. NaN (no peak
      // check) on a tick that did not read the heap.
      let oldUsed = heapUsed - youngCapacity;
      if (forceProbe || ticks % config.probeEvery === 0) {
        try {
          const reply = await post('Runtime.evaluate', {
            expression: config.probeExpression,
            returnByValue: true,
            silent: true,
          });
          const value = reply.result?.value as HeapProbe | undefined;
          if (Array.isArray(value)) {
            external = value[0];
            arrayBuffers = value[1];
            oldUsed = value[2] - value[3];
            youngCapacity = value[4];
            lastHeapUsed = value[2];
          }
        } catch {
          // Same as above: keep the last known values.
        }
      }
      if (ticks % stride === 0) records.push([time, rss, heapUsed, heapTotal, external, arrayBuffers]);
      ticks++;
      if (records.length >= config.maxRecords) {
        // Halve the series and the rate, so a long task keeps a bounded, evenly spaced history.
        for (let index = 0; index < records.length / 2; index++) records[index] = records[index * 2]!;
        records.length = Math.floor(records.length / 2);
        stride *= 2;
      }
      const switchDue =
        switchPending &&
        !stopping &&
        config.switchInterval !== null &&
        (switchBudgetSpent(config.switchInterval) || allocatedAtLeast >= config.switchInterval.afterBytes);
      // The switch reads the first sampler's profile, a forced full GC: on a large heap it waits
      // (sampling finer meanwhile) until the budget has grown enough, as a peak snapshot would.
      // Forcing it early also costs later: V8 sets its next limit from the small live set it leaves,
      // so a papaparse call that started on 380 MB of garbage paid a 300 ms natural GC near its end.
      if (switchDue && !forcedGcFits())
        switchDeferredHeapBytes = Math.max(switchDeferredHeapBytes, lastHeapUsed);
      else if (switchDue && config.switchInterval !== null) {
        switchPending = false;
        const started = Date.now();
        try {
          // Runs on the main thread; answers with the first sampler's profile, or null if that
          // thread is already stopping the run.
          const reply = await post('Runtime.evaluate', {
            expression: config.switchInterval.expression,
            returnByValue: true,
            silent: true,
          });
          const value = reply.result?.value as SamplingHeapProfile | null | undefined;
          if (value) {
            initialProfile = value;
            minimumGrowth = config.peak.minimumGrowthAfterSwitch;
            // The switch forced a full GC: its profile is a live snapshot like a peak one, so it can
            // be the peak so far, and raises the bar for the next (forced-GC) snapshot.
            const total = sumSelf(value.head);
            if (config.peak.enabled && total > best) {
              best = total;
              peak = { time: Date.now(), heapUsed: lastHeapUsed, profile: value };
              nextCheckpointAt = 0;
            }
          }
        } catch (error) {
          if (!stopping) warnings.push(`sampling interval switch failed: ${(error as Error).message}`);
        }
        // Counted, but no cost per byte from it: its time also stops and restarts the sampler and
        // serialises the 256 KiB profile, and a rate taken from it declined marked's first snapshot
        // (on a ~50 MB heap) in 4 of 8 calls; with the prior instead, 6 of 6 took it.
        recordForcedGc(started, undefined);
      }
      if (Number.isNaN(baseOld) && Number.isFinite(oldUsed)) baseOld = oldUsed;
      // Growth counts what the task added above the heap it started with, so a large heap owned by
      // the rest of the program does not hide the task's peak.
      const threshold =
        baseOld + Math.max(minimumGrowth, best * config.peak.growth + config.peak.garbageAllowance);
      const snapshotDue =
        config.peak.enabled && !stopping && oldUsed > threshold && Date.now() >= nextCaptureAt;
      // Forced GCs (snapshots and the switch) may use about 2 % of the run, counting the one about to be taken.
      if (snapshotDue && !forcedGcFits())
        peakDeclinedHeapBytes = Math.max(peakDeclinedHeapBytes, lastHeapUsed);
      else if (snapshotDue) {
        const started = Date.now();
        let recorded = false;
        try {
          // Forces a full GC on the main isolate, so `total` is the live set right now.
          // Both requests go out together, so the main thread answers the second right after the
          // first (in the same interrupt), before the task allocates more: the heap just after the GC.
          const snapshot = post('HeapProfiler.getSamplingProfile');
          const afterCollection = post('Runtime.getHeapUsage').catch(() => undefined);
          const taken = (await snapshot).profile;
          const after = (await afterCollection)?.usedSize;
          peakCaptureMs += recordForcedGc(started, after);
          recorded = true;
          // What was live at the switch belongs to this snapshot too (the main thread merges the end profile so).
          const profile = initialProfile === null ? taken : mergeProfiles(initialProfile, taken);
          const total = sumSelf(profile.head);
          peakCaptures++;
          // The heap at the start carried garbage that this forced GC has just collected: the
          // program's own live part is at most the heap after it minus what the task holds.
          if (after !== undefined && Number.isFinite(after)) baseOld = Math.min(baseOld, after - total);
          if (total > best) {
            best = total;
            peak = { time: started, heapUsed, profile };
            spacing = config.peak.minSpacingMs;
            nextCheckpointAt = 0;
          } else {
            // Garbage, not live data, pushed heapUsed up: back off so churn does not pay for GCs.
            spacing = Math.min(spacing * 2, 5000);
          }
        } catch (error) {
          // Once stopping, the main thread may already have stopped the sampler under this snapshot.
          if (!stopping) warnings.push(`peak snapshot failed: ${(error as Error).message}`);
          spacing = 5000;
          if (!recorded) peakCaptureMs += recordForcedGc(started, undefined);
        }
        nextCaptureAt = Date.now() + spacing;
      }
      if (config.temporal.enabled && !stopping && Date.now() >= nextTemporalAt) await temporalTick();
      if (!stopping && Date.now() >= nextCheckpointAt) writeCheckpoint();
    }

    let running: Promise<void> = Promise.resolve();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const loop = () => {
      if (stopping) return;
      const started = Date.now();
      running = tick(false).then(() => {
        if (!stopping) timer = setTimeout(loop, Math.max(0, config.intervalMs - (Date.now() - started)));
      });
    };
    return {
      // The first point is taken before the task starts: the main thread is waiting for us.
      async start(): Promise<void> {
        await tick(true);
        timer = setTimeout(loop, config.intervalMs);
      },
      // The last point is taken by the main thread itself once we have stopped.
      async stop(): Promise<SidecarResult> {
        stopping = true;
        if (timer !== undefined) clearTimeout(timer);
        await running;
        return {
          records,
          ticks,
          peak,
          peakCaptures,
          peakCaptureMs,
          peakDeclinedHeapBytes,
          switchDeferredHeapBytes,
          temporal: config.temporal.enabled ? temporal : null,
          temporalCaptureMs,
          warnings,
        };
      },
    };
  }

  let current: ReturnType<typeof createRun> | undefined;
  // One worker serves every profiled call of the process, started ahead of time (see
  // sidecar-host.ts), so a task does not pay for a thread start-up.
  type Message = { type: 'start'; config: SidecarConfig } | { type: 'stop' };
  const handle = async (message: Message) => {
    if (message.type === 'start') {
      session = new Session();
      session.connectToMainThread();
      current = createRun(message.config);
      await current.start();
      parentPort.postMessage({ type: 'started' });
    } else if (message.type === 'stop' && current !== undefined) {
      const result = await current.stop();
      current = undefined;
      session.disconnect();
      parentPort.postMessage({ type: 'stopped', result });
    }
  };
  // Handled strictly in order: a 'stop' may arrive while 'start' is still taking its first point.
  let queue: Promise<void> = Promise.resolve();
  parentPort.on('message', (message: Message) => {
    queue = queue.then(() => handle(message));
  });
  parentPort.postMessage({ type: 'ready' });
}
