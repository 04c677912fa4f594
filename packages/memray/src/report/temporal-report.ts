import type { MemrayCapture, SamplingHeapProfile, SamplingHeapProfileNode } from '../capture/capture-format';
import { selectTemporalRange, type TemporalReportData } from './select-temporal-range';

/** V8 scales each sampled object by 1 / (1 - e^(-size/interval)) to estimate the bytes behind it. */
function estimatedBytes(size: number, interval: number): number {
  return size / (1 - Math.exp(-size / interval));
}

/** The temporal part of a report: the whole run's default view, and the data to embed. */
export interface TemporalReport {
  /** Every node ever seen, sized by the default selection (the whole run). */
  profile: SamplingHeapProfile;
  /** Epoch ms of the snapshot the default selection shows. */
  time: number;
  /** The embedded data, with V8 node ids replaced by report node indices and times made relative. */
  embed(indexOf: Map<number, number>, start: number): TemporalReportData;
}

export function temporalReport(capture: MemrayCapture, leaks: boolean): TemporalReport | undefined {
  const temporal = capture.temporal;
  if (!temporal || temporal.snapshots.length === 0) return undefined;
  const interval = capture.metadata.samplingIntervalBytes;
  const byId: TemporalReportData = {
    times: temporal.snapshots.map((snapshot) => snapshot.time),
    samples: temporal.snapshots.map((snapshot) => {
      const flat: number[] = [];
      for (let offset = 0; offset < snapshot.samples.length; offset += 3) {
        const size = snapshot.samples[offset + 1]!;
        flat.push(snapshot.samples[offset]!, estimatedBytes(size, interval), snapshot.samples[offset + 2]!);
      }
      return flat;
    }),
    maxOrdinal: temporal.snapshots.map((snapshot) => {
      let largest = 0;
      for (let offset = 2; offset < snapshot.samples.length; offset += 3)
        largest = Math.max(largest, snapshot.samples[offset]!);
      return largest;
    }),
    leaks,
    nodes: temporal.nodes.map((node) => node[0]),
  };
  const selection = selectTemporalRange(byId, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
  const nodes = new Map<number, SamplingHeapProfileNode>();
  let head: SamplingHeapProfileNode | undefined;
  for (const [id, , functionName, url, lineNumber, columnNumber, scriptId] of temporal.nodes) {
    nodes.set(id, {
      id,
      callFrame: { functionName, url, lineNumber, columnNumber, scriptId },
      selfSize: Math.round(selection.bytes.get(id) ?? 0),
      children: [],
    });
  }
  for (const [id, parentId] of temporal.nodes) {
    const parent = nodes.get(parentId);
    if (parent) parent.children.push(nodes.get(id)!);
    else head ??= nodes.get(id);
  }
  const samples: SamplingHeapProfile['samples'] = [];
  for (const [nodeId, count] of selection.counts) {
    for (let index = 0; index < count; index++) samples.push({ nodeId, size: 0, ordinal: 0 });
  }
  return {
    profile: { head: head!, samples },
    time: byId.times[selection.snapshot]!,
    embed(indexOf, start) {
      const key = (id: number) => indexOf.get(id) ?? -1;
      return {
        times: byId.times.map((time) => time - start),
        // Samples of nodes the report left out (the profiler's own) are dropped with them.
        samples: byId.samples.map((flat) => {
          const kept: number[] = [];
          for (let offset = 0; offset < flat.length; offset += 3) {
            const index = key(flat[offset]!);
            if (index !== -1) kept.push(index, flat[offset + 1]!, flat[offset + 2]!);
          }
          return kept;
        }),
        maxOrdinal: byId.maxOrdinal,
        leaks,
        nodes: [...indexOf.values()],
      };
    },
  };
}
