import { readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/** Where the sidecar thread reads the main thread's CPU time, and its reading when the run started. */
export interface MainThreadCpuClock {
  /** Linux's per-thread schedstat file: its first field is the thread's CPU time in nanoseconds. */
  path: string;
  startNanoseconds: number;
}

/**
 * The CPU time the task's thread has used is what the finer sampling interval costs in proportion to
 * (V8 walks the stack once per sample, and samples come only while the thread allocates), unlike
 * wall time, which a loaded machine stretches and an awaiting task spends without allocating. Only
 * the main thread's id is known (it is the process id); null elsewhere, and where there is no /proc.
 */
export function mainThreadCpuClock(): MainThreadCpuClock | null {
  if (!isMainThread || process.platform !== 'linux') return null;
  const path = `/proc/self/task/${process.pid}/schedstat`;
  try {
    const startNanoseconds = Number(readFileSync(path, 'utf8').split(' ')[0]);
    return Number.isFinite(startNanoseconds) ? { path, startNanoseconds } : null;
  } catch {
    return null;
  }
}
