import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import type { MemrayCapture } from '../capture/capture-format';
import { memrayProfiling } from '../memray-profiling';

/** Epoch ms of the phase boundaries of `profileTwoPhases`. */
export interface PhaseMarks {
  aHeld: number;
  aDropped: number;
  bHeld: number;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/**
 * Holds a phase until two full GCs have happened after `since` (a temporal snapshot forces one; the
 * other may be V8 finishing marking it had started), and at least `minimumMs`: snapshots are spaced
 * 20 times their own duration apart, which on a busy machine can exceed any fixed hold.
 */
async function holdUntilSnapshot(since: number, minimumMs: number, maximumMs = 15_000): Promise<void> {
  let seen = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR && performance.timeOrigin + entry.startTime > since)
        seen += 1;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    const deadline = since + maximumMs;
    while ((seen < 2 || Date.now() - since < minimumMs) && Date.now() < deadline) await sleep(50);
  } finally {
    observer.disconnect();
  }
}

/**
 * A `--temporal` run in two phases: `phaseAllocatesA` holds ~24 MB and drops it, then
 * `phaseAllocatesB` holds ~6 MB; each phase lasts at least 1 s and until a snapshot was taken in it.
 * A major GC seen in a phase is not always a snapshot (V8 finishes the incremental marking that
 * phase A's allocations started on its own), so the run is repeated until the capture itself holds
 * a snapshot inside each phase.
 */
export async function profileTwoPhases(attempts = 4): Promise<{ capture: MemrayCapture; marks: PhaseMarks }> {
  let last: { capture: MemrayCapture; marks: PhaseMarks } | undefined;
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    last = await profileTwoPhasesOnce();
    const times = last.capture.temporal?.snapshots.map((snapshot) => snapshot.time) ?? [];
    const { aHeld, aDropped, bHeld } = last.marks;
    if (times.some((time) => time > aHeld && time < aDropped) && times.some((time) => time > bHeld)) return last;
  }
  const times = last?.capture.temporal?.snapshots.map((snapshot) => snapshot.time);
  throw new Error(
    `no temporal snapshot inside each phase after ${attempts} runs: marks ${JSON.stringify(last?.marks)}, snapshots ${JSON.stringify(times)}`,
  );
}

async function profileTwoPhasesOnce(): Promise<{ capture: MemrayCapture; marks: PhaseMarks }> {
  const directory = mkdtempSync(join(tmpdir(), 'memray-temporal-'));
  const held: { a: unknown[] | null; b: unknown[] | null } = { a: null, b: null };
  const marks: PhaseMarks = { aHeld: 0, aDropped: 0, bHeld: 0 };
  // Plain loops, so the bytes are the named functions' own (a callback would own them).
  function phaseAllocatesA() {
    const list: number[][] = [];
    for (let index = 0; index < 3000; index++) list.push(new Array<number>(1000).fill(index + 0.5));
    held.a = list;
  }
  function phaseAllocatesB() {
    const list: number[][] = [];
    for (let index = 0; index < 750; index++) list.push(new Array<number>(1000).fill(index + 0.5));
    held.b = list;
  }
  await memrayProfiling({
    captureDirectory: directory,
    samplingIntervalBytes: 65_536,
    memrayReporterArgs: ['--temporal'],
  })(async function temporalPhases() {
    phaseAllocatesA();
    marks.aHeld = Date.now();
    await holdUntilSnapshot(marks.aHeld, 1000);
    marks.aDropped = Date.now();
    held.a = null;
    phaseAllocatesB();
    marks.bHeld = Date.now();
    await holdUntilSnapshot(marks.bHeld, 1000);
  })();
  const name = readdirSync(directory).find((file) => file.endsWith('.memray.json'))!;
  return { capture: JSON.parse(readFileSync(join(directory, name), 'utf8')) as MemrayCapture, marks };
}
