// Runs in the report too: it is serialised with `String(selectTemporalRange)`, so it must be
// self-contained (no imports, no helpers from outside the function).

/** What a `--temporal` report embeds: the snapshots, with samples over node keys. */
export interface TemporalReportData {
  /** When each snapshot was taken, ms since the memory chart's start. */
  times: number[];
  /** Per snapshot, flattened: node key, estimated bytes, ordinal (allocation order). */
  samples: number[][];
  /** Per snapshot: the largest ordinal among its live samples. */
  maxOrdinal: number[];
  /** memray's `--leaks`: what was allocated within the range and still live at its end. */
  leaks: boolean;
  /** Keys (report node indices) of the nodes the snapshots cover; other nodes keep their bytes. */
  nodes: number[];
}

export interface TemporalRangeSelection {
  /** The snapshot shown. */
  snapshot: number;
  /** Samples with an ordinal at or below this were allocated before the range (leaks mode). */
  threshold: number;
  bytes: Map<number, number>;
  counts: Map<number, number>;
  total: number;
}

/**
 * What the range [from, to] (ms) shows, as memray's temporal flamegraph does: the high-water mark
 * within the range (the snapshot with the most live bytes in it; the nearest one if none falls
 * inside), or with `--leaks` the samples of the last snapshot up to `to` that were allocated after
 * the last snapshot up to `from`. An object live at the end and allocated before that earlier
 * snapshot was live at it, so that snapshot's largest ordinal splits old from new exactly.
 */
export function selectTemporalRange(
  temporal: TemporalReportData,
  from: number,
  to: number,
): TemporalRangeSelection {
  const { times, samples, maxOrdinal } = temporal;
  const totalOf = (index: number) => {
    let sum = 0;
    const flat = samples[index]!;
    for (let offset = 1; offset < flat.length; offset += 3) sum += flat[offset]!;
    return sum;
  };
  let snapshot = -1;
  let threshold = 0;
  if (temporal.leaks) {
    for (let index = 0; index < times.length; index++) if (times[index]! <= to) snapshot = index;
    if (snapshot === -1) snapshot = 0;
    for (let index = 0; index < snapshot; index++) if (times[index]! <= from) threshold = maxOrdinal[index]!;
  } else {
    let best = -1;
    for (let index = 0; index < times.length; index++) {
      if (times[index]! < from || times[index]! > to) continue;
      const total = totalOf(index);
      if (total > best) {
        best = total;
        snapshot = index;
      }
    }
    if (snapshot === -1) {
      const middle = (from + to) / 2;
      snapshot = 0;
      for (let index = 1; index < times.length; index++) {
        if (Math.abs(times[index]! - middle) < Math.abs(times[snapshot]! - middle)) snapshot = index;
      }
    }
  }
  const bytes = new Map<number, number>();
  const counts = new Map<number, number>();
  let total = 0;
  const flat = samples[snapshot] ?? [];
  for (let offset = 0; offset < flat.length; offset += 3) {
    if (flat[offset + 2]! <= threshold) continue;
    const key = flat[offset]!;
    bytes.set(key, (bytes.get(key) ?? 0) + flat[offset + 1]!);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    total += flat[offset + 1]!;
  }
  return { snapshot, threshold, bytes, counts, total };
}
