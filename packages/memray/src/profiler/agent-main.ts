// Runs inside followed worker threads (injected through the inspector) and child Node processes
// (loaded by a NODE_OPTIONS --require preload). Serialised with `String(agentMain)`: it must not
// use anything from the surrounding module.

export interface AgentConfig {
  directory: string;
  stem: string;
  samplingInterval: number;
  includeCollected: boolean;
  memoryIntervalMs: number;
  /** The profiled process; its own threads are followed through the inspector, not this preload. */
  parentPid: number;
}

/** Profiles the current thread and writes `<stem>.<pid>.<threadId>.json` when it exits or is asked to. */
export function agentMain(config: AgentConfig, builtin: (name: string) => any): void {
  // Not a core global slot: this runs serialised in threads and processes where no module loads.
  const key = Symbol.for('tasklens.memray.agent');
  const holder = globalThis as any;
  if (holder[key]) return;
  const inspector = builtin('node:inspector');
  const fs = builtin('node:fs');
  const path = builtin('node:path');
  const threads = builtin('node:worker_threads');
  const warnings: string[] = [];
  const session = new inspector.Session();
  session.connect();
  // Same-thread inspector calls complete synchronously, which is what lets `collect` run in 'exit'.
  const post = (method: string, params?: object): any => {
    let result: any;
    let failure: Error | null = null;
    session.post(method, params ?? {}, (error: Error | null, value: any) => {
      failure = error;
      result = value;
    });
    if (failure) throw failure;
    return result;
  };
  let sampling = false;
  try {
    post('HeapProfiler.enable');
    post('HeapProfiler.startSampling', {
      samplingInterval: config.samplingInterval,
      includeObjectsCollectedByMajorGC: config.includeCollected,
      includeObjectsCollectedByMinorGC: config.includeCollected,
    });
    sampling = true;
  } catch (error) {
    warnings.push(`heap sampler unavailable: ${(error as Error).message}`);
  }
  const memory: number[][] = [];
  const sample = () => {
    const usage = process.memoryUsage();
    memory.push([Date.now(), usage.rss, usage.heapUsed, usage.heapTotal, usage.external, usage.arrayBuffers]);
    if (memory.length > 20000)
      memory.splice(0, memory.length, ...memory.filter((_, index) => index % 2 === 0));
  };
  const startTime = Date.now();
  sample();
  // A timer on this thread misses ticks while it is busy; acceptable for secondary threads. It
  // starts on the next tick: a worker waiting for the debugger has no timers yet.
  let timer: any;
  let written: string | null = null;
  process.nextTick(() => {
    if (written !== null) return;
    timer = setInterval(sample, config.memoryIntervalMs);
    timer.unref();
  });
  const collect = (): string | null => {
    if (written !== null) return written;
    if (timer !== undefined) clearInterval(timer);
    sample();
    let profile = null;
    if (sampling) {
      try {
        profile = post('HeapProfiler.stopSampling').profile;
      } catch (error) {
        warnings.push(`heap sampler stop failed: ${(error as Error).message}`);
      }
    }
    try {
      session.disconnect();
    } catch {
      // Already gone during shutdown.
    }
    const isWorker = !threads.isMainThread;
    const inChild = process.pid !== config.parentPid;
    const label = `${inChild ? `process ${process.pid}` : 'main process'}${isWorker ? ` worker ${threads.threadId}` : ''}`;
    const capture = {
      pid: process.pid,
      threadId: threads.threadId,
      kind: isWorker ? 'worker' : 'process',
      label,
      argv: process.argv,
      startTime,
      endTime: Date.now(),
      profile,
      memory,
      warnings,
    };
    written = path.join(config.directory, `${config.stem}.${process.pid}.${threads.threadId}.json`);
    fs.writeFileSync(written, JSON.stringify(capture));
    return written;
  };
  holder[key] = { collect };
  process.on('exit', collect);
}
