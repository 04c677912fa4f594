import type {
  MemoryRecord,
  MemrayCapture,
  SamplingHeapProfile,
  SamplingHeapProfileNode,
} from '../capture/capture-format';
import type { ReporterName, ReportSettings } from '../options/reporter-settings';
import { displayFile, type FrameKind, frameKind, frameKinds } from './frame-kind';
import { humanBytes } from './human-bytes';
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

/** Adds a profile's frames under `parent`; `indexOf`, when given, learns each V8 node id's index. */
function addProfile(
  table: NodeTable,
  profile: SamplingHeapProfile,
  parent: number,
  indexOf?: Map<number, number>,
): number {
  const counts = sampleCounts(profile);
  let total = 0;
  // Iterative: V8 trees are up to 128 frames deep, but user data should never blow our stack.
  const stack: [SamplingHeapProfileNode, number][] = profile.head.children.map((child) => [child, parent]);
  stack.reverse();
  while (stack.length > 0) {
    const [node, parentIndex] = stack.pop()!;
    const frame = node.callFrame;
    total += node.selfSize;
    const index = table.add(
      frame.functionName || '(anonymous)',
      displayFile(frame.url),
      frame.lineNumber >= 0 ? frame.lineNumber + 1 : 0,
      node.selfSize,
      counts.get(node.id) ?? 0,
      parentIndex,
      frameKind(frame),
    );
    indexOf?.set(node.id, index);
    for (let child = node.children.length - 1; child >= 0; child--)
      stack.push([node.children[child]!, index]);
  }
  return total + profile.head.selfSize;
}

export function profileTotal(profile: SamplingHeapProfile | null): number {
  if (profile === null) return 0;
  let total = 0;
  const stack = [profile.head];
  while (stack.length > 0) {
    const node = stack.pop()!;
    total += node.selfSize;
    stack.push(...node.children);
  }
  return total;
}

/** The profile a view shows, and why. */
export function selectProfile(capture: MemrayCapture, view: ReportSettings['view']) {
  const notes: string[] = [];
  if (capture.metadata.mode === 'all') {
    if (view !== 'all') {
      notes.push(
        `This capture recorded every sampled allocation (freed or not), so it cannot show the ${view === 'leaks' ? 'leaks' : 'peak'} view; it shows all allocations.`,
      );
    }
    return { profile: capture.final, time: undefined, label: 'all allocations', notes };
  }
  if (view === 'all') {
    notes.push(
      'This capture recorded live objects only; freed allocations are not in it. Showing the leaks view.',
    );
  }
  if (
    view === 'peak' &&
    capture.peak !== null &&
    profileTotal(capture.peak.profile) > profileTotal(capture.final)
  ) {
    return { profile: capture.peak.profile, time: capture.peak.time, label: 'approximate peak', notes };
  }
  return {
    profile: capture.final,
    time: undefined,
    label: view === 'peak' ? 'approximate peak (largest live set was at the end)' : 'leaks (live at the end)',
    notes,
  };
}

function downsample(records: MemoryRecord[], limit: number): MemoryRecord[] {
  if (records.length <= limit) return records;
  const stride = Math.ceil(records.length / limit);
  return records.filter((_, index) => index % stride === 0 || index === records.length - 1);
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
  for (const warning of metadata.warnings) notes.push(warning);
  let totalBytes = 0;
  const temporalIndex = new Map<number, number>();
  if (selected.profile !== null) {
    const top = table.add('main thread', '', 0, 0, 0, -1, 'thread');
    totalBytes += addProfile(table, selected.profile, top, temporalIndex);
  }
  for (const thread of capture.threads) {
    for (const warning of thread.warnings) notes.push(`${thread.label}: ${warning}`);
    if (thread.profile === null) continue;
    const top = table.add(thread.label, '', 0, 0, 0, -1, 'thread');
    totalBytes += addProfile(table, thread.profile, top);
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
  const stats: [string, string][] = [
    ['Function', metadata.functionName],
    ['View', selected.label],
    ['Peak JS heap used', humanBytes(maximum(capture.memory, 2))],
    ['Peak RSS', humanBytes(maximum(capture.memory, 1))],
    [
      'Peak external / arrayBuffers',
      `${humanBytes(maximum(capture.memory, 4))} / ${humanBytes(maximum(capture.memory, 5))}`,
    ],
    ['Sampled bytes in this view', humanBytes(totalBytes)],
    ['Sampled allocations (estimate basis)', String(sampleTotal)],
    ['Distinct frames', String(data.nodes.name.length)],
    [
      'Sampling interval',
      `${metadata.samplingIntervalBytes} bytes (mode: ${metadata.mode === 'live' ? 'live objects' : 'all allocations'})`,
    ],
    ['Memory interval', `${metadata.memoryIntervalMs} ms (${metadata.memoryTicks} ticks)`],
    ['Start', new Date(metadata.startTime).toISOString()],
    ['End', new Date(metadata.endTime).toISOString()],
    ['Duration', `${((metadata.endTime - metadata.startTime) / 1000).toFixed(3)} s`],
    metadata.temporalSnapshots === undefined
      ? ['Peak snapshots', `${metadata.peakCaptures} (${metadata.peakCaptureMs} ms, each forces a full GC)`]
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
  return { data, stats, topAllocators, notes };
}
