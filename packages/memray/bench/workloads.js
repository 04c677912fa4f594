// Benchmark workloads, run one per fresh process by overhead.mjs:
//   node workloads.js <workload> <off|on|warm> [samplingIntervalBytes]
// Workloads: mixed, short (mixed at a fifth: a ~0.5 s task), deep, deep-long, and real third-party
// code: papaparse (parse 50 MiB of CSV), marked (render 8 M characters of Markdown), typescript
// (type-check packages/core/src with the repository's compiler settings). Their inputs are built
// before the timed call, so only the library's work is timed.
// `warm` alternates plain and profiled calls in this one process (after two warm-up rounds), as a
// local workflow or a long-lived worker would, and prints the medians of the per-round ratios.
// Prints one JSON line: { milliseconds, cpuMilliseconds, mainThreadCpuMilliseconds, reportBytes }.
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memrayProfiling } from '../dist/index.js';

const require = createRequire(import.meta.url);
/** BENCH_SCALE (default 1) shrinks or grows the real-package inputs, e.g. 0.25 on a crowded machine. */
const scale = Number(process.env.BENCH_SCALE ?? 1);

const [workload = 'mixed', mode = 'off', interval] = process.argv.slice(2);

/** (a) Realistic mixed work: build records, serialise them, keep some (design notes §4.8 A). */
function mixedWorkload(rows = 3_000_000) {
  const kept = [];
  let length = 0;
  for (let index = 0; index < rows; index++) {
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

/** papaparse: 50 MiB of CSV (ids, names, floats, quoted text) parsed into objects with a header row. */
function papaparseWorkload() {
  const Papa = require('papaparse');
  const lines = ['id,name,score,city,comment'];
  let size = 0;
  for (let index = 0; size < scale * 50 * 1024 * 1024; index++) {
    const line = `${index},user-${index % 9973},${(index * 0.37).toFixed(3)},city-${index % 311},"note ${index}, with a comma"`;
    lines.push(line);
    size += line.length + 1;
  }
  const text = lines.join('\n');
  return () => Papa.parse(text, { header: true, dynamicTyping: true }).data.length;
}

/** marked: 8 M characters of Markdown (headings, lists, emphasis, links, code, tables) to HTML. */
function markedWorkload() {
  const { marked } = require('marked');
  const block = (index) =>
    `## Section ${index}\n\nSome *emphasis*, **strong** text, \`code\` and a [link](https://example.com/${index}).\n\n` +
    `- item one ${index}\n- item two with _words_\n  - nested ${index}\n\n` +
    `| a | b |\n|---|---|\n| ${index} | ${index * 2} |\n\n\`\`\`js\nconst x${index} = ${index};\n\`\`\`\n\n> quoted ${index}\n\n`;
  const parts = [];
  let size = 0;
  for (let index = 0; size < scale * 8_000_000; index++) {
    const part = block(index);
    parts.push(part);
    size += part.length;
  }
  const text = parts.join('');
  return () => marked.parse(text).length;
}

/** The TypeScript compiler type-checking packages/core/src (non-test files) with the base tsconfig. */
function typescriptWorkload() {
  const ts = require('typescript');
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const source = join(root, 'packages', 'core', 'src');
  const files = readdirSync(source, { recursive: true })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.includes('__fixtures__'))
    .map((file) => join(source, file))
    .sort();
  // BENCH_SCALE checks a share of the files (the program still loads what they import).
  files.length = Math.max(1, Math.ceil(files.length * Math.min(1, scale)));
  const config = ts.readConfigFile(join(root, 'tsconfig.base.json'), ts.sys.readFile).config;
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root);
  return () => {
    const program = ts.createProgram(files, { ...options, noEmit: true });
    return ts.getPreEmitDiagnostics(program).length;
  };
}

const prepared = { papaparse: papaparseWorkload, marked: markedWorkload, typescript: typescriptWorkload };

const bodies = {
  mixed: () => mixedWorkload(),
  short: () => mixedWorkload(600_000),
  deep: () => deepWorkload(),
  'deep-long': () => deepWorkload(200_000_000),
};
const body = bodies[workload] ?? prepared[workload]?.();
if (body === undefined) {
  throw new Error(
    `unknown workload ${workload}; use ${[...Object.keys(bodies), ...Object.keys(prepared)].join(', ')}`,
  );
}
const directory = mkdtempSync(join(tmpdir(), 'memray-bench-'));
const options = {
  captureDirectory: directory,
  ...(interval ? { samplingIntervalBytes: Number(interval) } : {}),
  // Experiments only: extra memrayProfiling options as JSON, e.g. BENCH_OPTIONS='{"peakGrowthFactor":2}'.
  ...JSON.parse(process.env.BENCH_OPTIONS ?? '{}'),
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
