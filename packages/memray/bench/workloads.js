// Benchmark workloads, run one per fresh process by overhead.mjs:
//   node workloads.js <mixed|deep|deep-long> <off|on|warm> [samplingIntervalBytes]
// `warm` alternates plain and profiled calls in this one process (after two warm-up rounds), as a
// local workflow or a long-lived worker would, and prints the medians of the per-round ratios.
// Prints one JSON line: { milliseconds, cpuMilliseconds, mainThreadCpuMilliseconds, reportBytes }.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memrayProfiling } from '../dist/index.js';

const [workload = 'mixed', mode = 'off', interval] = process.argv.slice(2);

/** (a) Realistic mixed work: build records, serialise them, keep some (design notes §4.8 A). */
function mixedWorkload() {
  const kept = [];
  let length = 0;
  for (let index = 0; index < 3_000_000; index++) {
    const record = { id: index, name: `row-${index}`, score: index * 0.5, tags: ['a', 'b'] };
    length += JSON.stringify(record).length;
    if (index % 100 === 0) kept.push(new Array(64).fill(index));
  }
  return length + kept.length;
}

/**
 * (b) Worst case: a tight allocation loop 40 frames deep (design notes §4.8 B); `deep-long` runs it
 * 10x longer, so the fixed cost of a profiled call (start, final GC, report) is amortised.
 */
function deepWorkload(iterations = 20_000_000) {
  let sum = 0;
  const leaf = (count) => {
    for (let index = 0; index < count; index++) {
      const point = { x: index, y: index + 1, z: [index] };
      sum += point.z[0];
    }
    return sum;
  };
  const descend = (depth, count) => (depth === 0 ? leaf(count) : descend(depth - 1, count) + 0);
  return descend(40, iterations);
}

const bodies = {
  mixed: mixedWorkload,
  deep: () => deepWorkload(),
  'deep-long': () => deepWorkload(200_000_000),
};
const body = bodies[workload];
if (body === undefined) throw new Error(`unknown workload ${workload}; use mixed, deep or deep-long`);
const directory = mkdtempSync(join(tmpdir(), 'memray-bench-'));
const options = {
  captureDirectory: directory,
  ...(interval ? { samplingIntervalBytes: Number(interval) } : {}),
};
const profiled = memrayProfiling(options)(async function benchTask() {
  return body();
});
const plain = async function benchTask() {
  return body();
};

/** CPU time of this (main) thread alone, from Linux's schedstat in nanoseconds; NaN elsewhere. */
function mainThreadCpuMilliseconds() {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

async function timed(run) {
  const mainThreadBefore = mainThreadCpuMilliseconds();
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await run();
  const milliseconds = performance.now() - started;
  // CPU of the whole process (all threads, so the sidecar counts): steadier than wall time on a shared machine.
  const cpu = process.cpuUsage(cpuBefore);
  // The task's own thread: what profiling costs the task, without the sidecar thread and V8's helpers.
  const mainThreadMilliseconds = mainThreadCpuMilliseconds() - mainThreadBefore;
  return { milliseconds, cpuMilliseconds: (cpu.user + cpu.system) / 1000, mainThreadMilliseconds };
}

if (mode === 'warm') {
  const median = (values) => [...values].sort((left, right) => left - right)[Math.floor(values.length / 2)];
  const rounds = [];
  for (let round = 0; round < 12; round++) {
    const off = await timed(plain);
    const on = await timed(profiled);
    if (round >= 2) rounds.push({ off, on });
  }
  const ratio = (key) => median(rounds.map(({ off, on }) => on[key] / off[key]));
  console.log(
    JSON.stringify({
      offMilliseconds: median(rounds.map(({ off }) => off.milliseconds)),
      onMilliseconds: median(rounds.map(({ on }) => on.milliseconds)),
      paired: ratio('milliseconds'),
      mainThread: ratio('mainThreadMilliseconds'),
      process: ratio('cpuMilliseconds'),
    }),
  );
  process.exit(0);
}

const { milliseconds, cpuMilliseconds, mainThreadMilliseconds } = await timed(
  mode === 'on' ? profiled : plain,
);
const report = readdirSync(directory).find((name) => name.endsWith('.html'));
const reportBytes = report ? statSync(join(directory, report)).size : 0;
const capture = readdirSync(directory).find((name) => name.endsWith('.memray.json'));
const metadata = capture ? JSON.parse(readFileSync(join(directory, capture), 'utf8')).metadata : undefined;
const { peakCaptures: peakSnapshots = 0, peakCaptureMs: peakSnapshotMs = 0 } = metadata ?? {};
console.log(
  JSON.stringify({
    milliseconds,
    cpuMilliseconds,
    mainThreadMilliseconds,
    reportBytes,
    peakSnapshots,
    peakSnapshotMs,
  }),
);
