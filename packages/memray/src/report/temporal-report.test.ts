import { describe, expect, test } from 'vitest';
import { profileTwoPhases } from '../__fixtures__/temporal-phases';
import { parseReporterArgs } from '../options/reporter-settings';
import { buildReportModel, type ReportData } from './report-data';
import { selectTemporalRange } from './select-temporal-range';

/** Bytes of a selection under frames named `name` (a frame and everything it called). */
function bytesUnder(data: ReportData, bytes: Map<number, number>, name: string): number {
  let sum = 0;
  for (const [index, value] of bytes) {
    for (let frame = index; frame !== -1; frame = data.nodes.parent[frame]!) {
      if (data.strings[data.nodes.name[frame]!] === name) {
        sum += value;
        break;
      }
    }
  }
  return sum;
}

describe('--temporal: live snapshots through the run, a time range picks what the report shows', () => {
  test('ranges over each phase show that phase; --leaks shows what a range left behind', async () => {
    const { capture, marks } = await profileTwoPhases();
    expect(capture.peak).toBeNull();
    expect(capture.temporal!.snapshots.length).toBeGreaterThanOrEqual(3);
    expect(capture.metadata.temporalSnapshots).toBe(capture.temporal!.snapshots.length);
    const times = capture.temporal!.snapshots.map((snapshot) => snapshot.time);
    expect(times).toEqual([...times].sort((left, right) => left - right));

    const model = buildReportModel(
      capture,
      'flamegraph',
      parseReporterArgs('flamegraph', ['--temporal'], 'x'),
      10_000,
    );
    const data = model.data;
    const temporal = data.temporal!;
    const at = (mark: keyof typeof marks) => marks[mark] - data.memory.start;
    const share = (bytes: Map<number, number>, total: number, frame: string) =>
      bytesUnder(data, bytes, frame) / total;

    // High-water mark of a range over phase A's plateau: phase A.
    const overA = selectTemporalRange(temporal, at('aHeld'), at('aDropped'));
    expect(share(overA.bytes, overA.total, 'phaseAllocatesA')).toBeGreaterThanOrEqual(0.8);
    // Over phase B's plateau: phase B; A's arrays are gone (a few stray samples, such as the mapping
    // closure's code, may outlive them).
    const overB = selectTemporalRange(temporal, at('bHeld'), Number.POSITIVE_INFINITY);
    expect(share(overB.bytes, overB.total, 'phaseAllocatesB')).toBeGreaterThanOrEqual(0.8);
    expect(bytesUnder(data, overB.bytes, 'phaseAllocatesA')).toBeLessThan(
      0.01 * bytesUnder(data, overA.bytes, 'phaseAllocatesA'),
    );
    // The whole run's default view (embedded in the report) is the high-water mark: phase A.
    const shown = new Map<number, number>(data.nodes.self.map((bytes, index) => [index, bytes]));
    expect(share(shown, data.totalBytes, 'phaseAllocatesA')).toBeGreaterThanOrEqual(0.8);
    expect(model.stats.find(([label]) => label === 'Temporal snapshots')?.[1]).toMatch(/^\d+ \(\d+ ms/);

    // --leaks over [A dropped, end]: B only; over [start, A dropped): A had not been freed yet.
    const leaks = { ...temporal, leaks: true };
    const leftByB = selectTemporalRange(leaks, at('aDropped'), Number.POSITIVE_INFINITY);
    expect(share(leftByB.bytes, leftByB.total, 'phaseAllocatesB')).toBeGreaterThanOrEqual(0.8);
    const leftByA = selectTemporalRange(leaks, Number.NEGATIVE_INFINITY, at('aDropped') - 1);
    expect(share(leftByA.bytes, leftByA.total, 'phaseAllocatesA')).toBeGreaterThanOrEqual(0.8);
  }, 300_000); // profileTwoPhases holds each phase until a snapshot lands in it: slow under load
});
