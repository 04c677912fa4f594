import type {
  MemoryRecord,
  MemrayCapture,
  SamplingHeapProfile,
  SamplingHeapProfileNode,
} from '../capture/capture-format';
import { selectProfile } from '../capture/select-profile';
import type { ReporterName, ReportSettings } from '../options/reporter-settings';
import { displayFile, type FrameKind, frameKind, frameKinds } from './frame-kind';
import { humanBytes } from './human-bytes';
import { profilerOwnNodes } from './profiler-own-nodes';
import type { TemporalReportData } from './select-temporal-range';
import { temporalReport } from './temporal-report';
import { topAllocatorsOf } from './top-allocators';

/** The JSON embedded in a report: frames as parallel arrays in preorder, strings interned. */
export interface ReportData {
  reporter: ReporterName;
  title: string;
  view: ReportSettings['view'];
  inverted: boolean;
  splitThreads: boolean;
  hideInternal: boolean;
  strings: string[];
  /** Per node: name and file (string indices), 1-based line (0 = none), self bytes, sample count, parent index (-1 for top level), kind index. */
  nodes: {
    name: number[];
    file: number[];
    line: number[];
    self: number[];
    samples: number[];
    parent: number[];
    kind: number[];
  };
  kinds: readonly string[];
  memory: {
    start: number;
    time: number[];
    rss: number[];
    heapUsed: number[];
    heapTotal: number[];
    external: number[];
    arrayBuffers: number[];
  };
  /** ms since start of the profile shown (peak snapshot), if any. */
  markerTime: number | undefined;
  markerLabel: string | undefined;
  totalBytes: number;
  /** `--temporal` only: snapshots the report re-selects from when a time range is picked. */
  temporal?: TemporalReportData | undefined;
}

export interface ReportModel {
  data: ReportData;
  stats: [string, string][];
  topAllocators: { name: string; location: string; bytes: number }[];
  notes: string[];
}

class NodeTable {
  readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  readonly nodes: ReportData['nodes'] = {
    name: [],
    file: [],
    line: [],
    self: [],
    samples: [],
    parent: [],
    kind: [],
  };

  intern(text: string): number {
    let index = this.stringIndex.get(text);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(text);
      this.stringIndex.set(text, index);
    }
    return index;
  }

  add(
    name: string,
    file: string,
    line: number,
    self: number,
    samples: number,
    parent: number,
    kind: FrameKind,
  ) {
    const nodes = this.nodes;
    nodes.name.push(this.intern(name));
    nodes.file.push(this.intern(file));
    nodes.line.push(line);
    nodes.self.push(Math.round(self));
    nodes.samples.push(samples);
    nodes.parent.push(parent);
    nodes.kind.push(frameKinds.indexOf(kind));
    return nodes.name.length - 1;
  }
}

function sampleCounts(profile: SamplingHeapProfile): Map<number, number> {
  const counts = new Map<number, number>();
  for (const sample of profile.samples) counts.set(sample.nodeId, (counts.get(sample.nodeId) ?? 0) + 1);
  return counts;
}

function subtreeBytes(node: SamplingHeapProfileNode): number {
  let total = 0;
  const stack = [node];
  while (stack.length > 0) {
    const next = stack.pop()!;
    total += next.selfSize;
    stack.push(...next.children);
  }
  return total;
}

/**
 * Adds a profile's frames under `parent`; `indexOf`, when given, learns each V8 node id's index.
 * Returns the bytes added and the profiler's own bytes left out (see profilerOwnNodes).
 */
function addProfile(
  table: NodeTable,
  profile: SamplingHeapProfile,
  parent: number,
  indexOf?: Map<number, number>,
): { total: number; profilerOwn: number } {
  const counts = sampleCounts(profile);
  const own = profilerOwnNodes(profile);
  let total = 0;
  let profilerOwn = 0;
  // Iterative: V8 trees are up to 128 frames deep, but user data should never blow our stack.
  const stack: [SamplingHeapProfileNode, number][] = profile.head.children.map((child) => [child, parent]);
  stack.reverse();
  while (stack.length > 0) {
    const [node, parentIndex] = stack.pop()!;
    if (own.has(node.id)) {
      profilerOwn += subtreeBytes(node);
      continue;
    }
    const frame = node.callFrame;
    const kind = frameKind(frame);
    // A tasklens frame on the way to the task (the decorator) keeps its place, not its own bytes.
    const self = kind === 'profiler' ? 0 : node.selfSize;
    profilerOwn += node.selfSize - self;
    total += self;
    const index = table.add(
      frame.functionName || '(anonymous)',
      displayFile(frame.url),
      frame.lineNumber >= 0 ? frame.lineNumber + 1 : 0,
      self,
      kind === 'profiler' ? 0 : (counts.get(node.id) ?? 0),
      parentIndex,
      kind,
    );
    indexOf?.set(node.id, index);
    for (let child = node.children.length - 1; child >= 0; child--)
      stack.push([node.children[child]!, index]);
  }
  return { total: total + profile.head.selfSize, profilerOwn };
}

/** Below this many samples a view cannot say where memory went (a site needs several samples). */
const minimumSamples = 20;

/**
 * How exact the estimates are: V8 samples allocations at random (a Poisson process with the
 * interval as mean gap), so a figure built from n samples is off by about 1/sqrt(n); at 95 %
 * confidence, ±2/sqrt(n). A site of B bytes holds about B / interval samples.
 */
function samplingPrecision(interval: number, samples: number): { total: string; sites: string } {
  const percent = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} %`;
  const total =
    samples === 0 ? 'no samples: no estimate' : `±${percent(200 / Math.sqrt(samples))} at 95 % confidence`;
  return {
    total,
    sites: `estimates at a ${humanBytes(interval)} mean sampling interval: a site of ${humanBytes(100 * interval)} is within about ±20 %, one of ${humanBytes(10 * interval)} within ±63 %, and sites well under ${humanBytes(interval)} may be missing. Objects allocated before profiling started are not sampled. A smaller samplingIntervalBytes (e.g. 32768, or tracePythonAllocators: true) gives closer figures at some speed cost.`,
  };
}

/** The interval, and with the adaptive default how it changed (the merged view mixes both). */
function samplingIntervalText(metadata: MemrayCapture['metadata']): string {
  const initial = metadata.initialSamplingIntervalBytes;
  if (initial === undefined) return `${metadata.samplingIntervalBytes} bytes`;
  const switchedAt = metadata.intervalSwitchedAt;
  const deferred = metadata.intervalSwitchDeferredHeapBytes;
  if ((switchedAt === null || switchedAt === undefined) && deferred !== undefined)
    return `${initial} bytes throughout (adaptive: the switch to a coarser interval was due but waited, as its forced GC on a ${humanBytes(deferred)} heap was predicted over the profiler's 2 % budget)`;
  if (switchedAt === null || switchedAt === undefined)
    return `${initial} bytes (adaptive: the call ended before the switch to a coarser interval)`;
  const seconds = ((switchedAt - metadata.startTime) / 1000).toFixed(2);
  return `${initial} bytes for the first ${seconds} s, then ${metadata.samplingIntervalBytes} bytes (adaptive; what was live at the switch stays in later views, even if freed after it)`;
}

/** Says why a view is (nearly) empty and what to change, instead of drawing "all (0 B)" silently. */
function tooFewSamplesNote(capture: MemrayCapture, samples: number, view: ReportSettings['view']): string {
  const metadata = capture.metadata;
  const seconds = ((metadata.endTime - metadata.startTime) / 1000).toFixed(2);
  const interval = humanBytes(metadata.samplingIntervalBytes);
  const why =
    view === 'all' || metadata.mode === 'all'
      ? `the task allocated too little for a ${interval} sampling interval`
      : capture.peak === null
        ? metadata.peakDeclinedHeapBytes !== undefined
          ? `what the task allocated was freed before it returned, and a peak snapshot at ${humanBytes(metadata.peakDeclinedHeapBytes)} of heap was declined: each forces a full GC on the task's thread, and that one was predicted over the profiler's 2 % budget`
          : `what the task allocated was freed before it returned, and the heap never grew enough during its ${seconds} s for a peak snapshot`
        : `too little of what the task allocated was live at the snapshot shown`;
  return `Too few samples to say where memory went (${samples} at a ${interval} interval): ${why}. For a short task, profile with a smaller interval (samplingIntervalBytes: 32768, tracePythonAllocators: true, or TASKLENS_MEMRAY_SAMPLING_INTERVAL=32768), and use memrayReporterArgs: ['--temporary-allocations'] to see freed allocations too.`;
}

/** One point per stride, preferring one that read the JS heap (most points carry RSS alone). */
function downsample(records: MemoryRecord[], limit: number): MemoryRecord[] {
  if (records.length <= limit) return records;
  const stride = Math.ceil(records.length / limit);
  const kept: MemoryRecord[] = [];
  for (let start = 0; start < records.length - 1; start += stride) {
    const bucket = records.slice(start, Math.min(start + stride, records.length - 1));
    kept.push(bucket.find((record) => Number.isFinite(record[2])) ?? bucket[0]!);
  }
  kept.push(records.at(-1)!);
  return kept;
}

function maximum(records: MemoryRecord[], column: number): number {
  let best = Number.NaN;
  for (const record of records) {
    const value = record[column]!;
    if (Number.isFinite(value) && !(value <= best)) best = value;
  }
  return best;
}

/** Builds what a report embeds and shows, from a capture and the reporter flags. */
export function buildReportModel(
  capture: MemrayCapture,
  reporter: ReporterName,
  settings: ReportSettings,
  maxMemoryRecords: number,
): ReportModel {
  const table = new NodeTable();
  const temporal = settings.temporal ? temporalReport(capture, settings.view === 'leaks') : undefined;
  const selected = temporal
    ? {
        profile: temporal.profile,
        time: temporal.time,
        label:
          settings.view === 'leaks'
            ? 'temporal: allocated in the selected range and live at its end'
            : 'temporal: high-water mark of the selected range',
        notes: [] as string[],
      }
    : selectProfile(capture, settings.view);
  if (settings.temporal && temporal === undefined)
    selected.notes.push('This capture has no temporal snapshots (it was not recorded with --temporal).');
  const notes = [...selected.notes, ...settings.notes];
  const metadata = capture.metadata;
  if (metadata.profilingError)
    notes.unshift(`Profiling was not possible: ${metadata.profilingError}. The task ran unprofiled.`);
  if (metadata.taskFailed)
    notes.push('The task failed; this report shows what was recorded until it stopped.');
  if (
    metadata.peakDeclinedHeapBytes !== undefined &&
    settings.view === 'peak' &&
    metadata.mode === 'live' &&
    !settings.temporal
  ) {
    notes.push(
      `The live set shown may be below the true peak: a peak snapshot was due with ${humanBytes(metadata.peakDeclinedHeapBytes)} of JS heap in use but declined, as each forces a full GC on the task's thread and that one was predicted over the profiler's 2 % budget. The memory chart shows the whole curve; memrayReporterArgs: ['--temporary-allocations'] shows every sampled allocation, freed or not, and needs no peak snapshots.`,
    );
  }
  for (const warning of metadata.warnings) notes.push(warning);
  let totalBytes = 0;
  let profilerOwnBytes = 0;
  const temporalIndex = new Map<number, number>();
  if (selected.profile !== null) {
    const top = table.add('main thread', '', 0, 0, 0, -1, 'thread');
    const added = addProfile(table, selected.profile, top, temporalIndex);
    totalBytes += added.total;
    profilerOwnBytes += added.profilerOwn;
  }
  for (const thread of capture.threads) {
    for (const warning of thread.warnings) notes.push(`${thread.label}: ${warning}`);
    if (thread.profile === null) continue;
    const top = table.add(thread.label, '', 0, 0, 0, -1, 'thread');
    const added = addProfile(table, thread.profile, top);
    totalBytes += added.total;
    profilerOwnBytes += added.profilerOwn;
  }
  if (
    capture.threads.some((thread) => thread.kind === 'worker') &&
    settings.view === 'peak' &&
    metadata.mode === 'live'
  ) {
    notes.push(
      'Worker threads and child processes show their live objects when they finished (no peak snapshots there).',
    );
  }
  const memory = downsample(capture.memory, settings.maxMemoryRecords ?? maxMemoryRecords);
  // The chart starts at the first point (just before the task), not when set-up began.
  const start = memory[0]?.[0] ?? metadata.startTime;
  if (metadata.nativeTraces && memory.length > 0) {
    // Off-heap memory has no JS stack: show it as one synthetic frame, as @datadog/pprof does.
    const at = selected.time ?? memory.at(-1)![0];
    const nearest = memory.reduce((best, record) =>
      Math.abs(record[0] - at) <= Math.abs(best[0] - at) ? record : best,
    );
    const external = Math.max(nearest[4], nearest[5]);
    if (external > 0) {
      table.add('(external: Buffers/ArrayBuffers/native)', '', 0, external, 0, -1, 'external');
      totalBytes += external;
    }
  }
  const data: ReportData = {
    reporter,
    title: `memray (Node) - ${settings.inverted && reporter === 'flamegraph' ? 'inverted ' : ''}${reporter} report${settings.view === 'leaks' ? ' (memory leaks)' : settings.view === 'all' ? ' (all allocations)' : ''}`,
    view: settings.view,
    inverted: settings.inverted,
    splitThreads: settings.splitThreads,
    hideInternal: !metadata.nativeTraces,
    strings: table.strings,
    nodes: table.nodes,
    kinds: frameKinds,
    memory: {
      start,
      time: memory.map((record) => record[0] - start),
      rss: memory.map((record) => record[1]),
      heapUsed: memory.map((record) => (Number.isFinite(record[2]) ? record[2] : -1)),
      heapTotal: memory.map((record) => (Number.isFinite(record[3]) ? record[3] : -1)),
      external: memory.map((record) => record[4]),
      arrayBuffers: memory.map((record) => record[5]),
    },
    markerTime: selected.time === undefined ? undefined : selected.time - start,
    markerLabel: selected.time === undefined ? undefined : temporal ? 'snapshot shown' : 'peak snapshot',
    totalBytes,
    temporal: temporal?.embed(temporalIndex, start),
  };
  const topAllocators = topAllocatorsOf(data, 5);
  const gcByKind = new Map<string, { count: number; pause: number }>();
  for (const event of capture.gc ?? []) {
    const entry = gcByKind.get(event.kind) ?? { count: 0, pause: 0 };
    entry.count++;
    entry.pause += event.duration;
    gcByKind.set(event.kind, entry);
  }
  const sampleTotal = data.nodes.samples.reduce((sum, value) => sum + value, 0);
  const bare = metadata.origin === 'heapprofile';
  const precision = samplingPrecision(metadata.samplingIntervalBytes, sampleTotal);
  if (bare)
    precision.sites = 'statistical estimates; the sampling interval is not recorded in a .heapprofile';
  if (sampleTotal < minimumSamples && !bare)
    notes.unshift(tooFewSamplesNote(capture, sampleTotal, settings.view));
  if (metadata.memoryTicks < 3 && metadata.profilingError === undefined && !bare) {
    notes.push(
      `The memory chart has ${metadata.memoryTicks} tick(s): the task ended before the memory sampler thread was up (in a fresh process it starts in ~250 ms), so only the points taken just before and after the task are drawn.`,
    );
  }
  // A bare .heapprofile holds only the profile: every other row would show a placeholder as a fact.
  const unknownInBare = new Set([
    'Peak JS heap used',
    'Peak RSS',
    'Peak external / arrayBuffers',
    'Sampling interval',
    'Memory interval',
    'Start',
    'End',
    'Duration',
    'Peak snapshots',
    'GC',
    'Heap size limit',
    'Node / V8',
    'Command line',
  ]);
  const allStats: [string, string][] = [
    ['Function', metadata.functionName],
    ['View', selected.label],
    ['Peak JS heap used', humanBytes(maximum(capture.memory, 2))],
    ['Peak RSS', humanBytes(maximum(capture.memory, 1))],
    [
      'Peak external / arrayBuffers',
      `${humanBytes(maximum(capture.memory, 4))} / ${humanBytes(maximum(capture.memory, 5))}`,
    ],
    ['Sampled bytes in this view', `${humanBytes(totalBytes)} (${precision.total})`],
    ['How exact', precision.sites],
    ['Sampled allocations (estimate basis)', String(sampleTotal)],
    ["Profiler's own allocations (left out)", humanBytes(profilerOwnBytes)],
    ['Distinct frames', String(data.nodes.name.length)],
    [
      'Sampling interval',
      `${samplingIntervalText(metadata)} (mode: ${metadata.mode === 'live' ? 'live objects' : 'all allocations'})`,
    ],
    ['Memory interval', `${metadata.memoryIntervalMs} ms (${metadata.memoryTicks} ticks)`],
    ['Start', new Date(metadata.startTime).toISOString()],
    ['End', new Date(metadata.endTime).toISOString()],
    ['Duration', `${((metadata.endTime - metadata.startTime) / 1000).toFixed(3)} s`],
    metadata.temporalSnapshots === undefined
      ? [
          'Peak snapshots',
          `${metadata.peakCaptures} (${metadata.peakCaptureMs} ms, each forces a full GC)${metadata.peakDeclinedHeapBytes === undefined ? '' : `; declined at up to ${humanBytes(metadata.peakDeclinedHeapBytes)} of heap, predicted over the 2 % budget`}`,
        ]
      : [
          'Temporal snapshots',
          `${metadata.temporalSnapshots} (${metadata.temporalSnapshotMs ?? 0} ms, each forces a full GC)`,
        ],
    [
      'GC',
      capture.gc === null
        ? 'not tracked (trackGarbageCollection: true or TASKLENS_MEMRAY_TRACK_GC=1 counts them)'
        : [...gcByKind]
            .map(([kind, entry]) => `${kind}: ${entry.count} (${entry.pause.toFixed(1)} ms)`)
            .join(', ') || 'none seen',
    ],
    ['Threads and processes', ['main thread', ...capture.threads.map((thread) => thread.label)].join(', ')],
    ['Heap size limit', humanBytes(metadata.heapSizeLimit)],
    ['Node / V8', `${metadata.nodeVersion} / ${metadata.v8Version} (${metadata.platform})`],
    ['Command line', metadata.command.join(' ')],
  ];
  const stats = bare
    ? [
        ...allStats.filter(([name]) => !unknownInBare.has(name)),
        [
          'Source',
          'a bare .heapprofile: times, versions, the sampling interval and memory over time were not recorded in it',
        ] as [string, string],
      ]
    : allStats;
  return { data, stats, topAllocators, notes };
}
