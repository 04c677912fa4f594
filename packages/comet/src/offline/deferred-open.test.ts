import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setLogSink } from '@tasklens/core/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { start } from '../experiment/start-experiment';
import { readOfflineArchive } from './read-offline-archive';

let previousSink: ReturnType<typeof setLogSink> | undefined;
afterEach(() => {
  setLogSink(previousSink);
  previousSink = undefined;
});

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'comet-deferred-open-'));
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function startOffline(offlineDirectory: string, experimentKey?: string) {
  return start({
    offline: true,
    offlineDirectory,
    ...(experimentKey === undefined ? {} : { experimentKey }),
    environment: { HOME: scratch() },
  });
}

describe('an offline start keeps disk work off its path', () => {
  it('creates nothing before the caller yields, then the journal and a complete zip right after', async () => {
    const directory = join(scratch(), 'runs');
    const experiment = await startOffline(directory);
    experiment.logMetric('loss', 0.5, { step: 1 });
    expect(existsSync(directory)).toBe(false);
    await nextTurn();
    expect(existsSync(join(directory, `.${experiment.key}.journal`, 'experiment.json'))).toBe(true);
    expect(readOfflineArchive(experiment.archivePath!).experiment.offline_id).toBe(experiment.key);
    await experiment.end();
    const metrics = readOfflineArchive(experiment.archivePath!).messages.filter(
      (message) => message.type === 'metric_msg',
    );
    expect(metrics).toHaveLength(1);
  });

  it('touches no disk until the first log call, and end() still writes the archive of an experiment that logged nothing', async () => {
    const directory = join(scratch(), 'runs');
    const before = Date.now();
    const experiment = await startOffline(directory);
    const started = Date.now();
    await nextTurn();
    expect(existsSync(directory)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 20));
    const result = await experiment.end();
    expect(result.outcome).toBe('offline');
    const archive = readOfflineArchive(experiment.archivePath!);
    expect(archive.experiment.offline_id).toBe(experiment.key);
    // The start time is the start's, not the moment the archive was first needed.
    expect(archive.experiment.start_time).toBeGreaterThanOrEqual(before);
    expect(archive.experiment.start_time).toBeLessThanOrEqual(started);
    expect(archive.messages).toHaveLength(0);
    expect(existsSync(join(directory, `.${experiment.key}.journal`))).toBe(false);
  });

  it('opens the journal at once when an asset is logged in the same turn', async () => {
    const directory = join(scratch(), 'runs');
    const experiment = await startOffline(directory);
    experiment.logMetric('loss', 0.5);
    experiment.logAsset(Buffer.from('weights'), { fileName: 'model.bin' });
    const journal = join(directory, `.${experiment.key}.journal`);
    expect(existsSync(join(journal, 'asset000001'))).toBe(true);
    expect(existsSync(join(journal, 'messages.json'))).toBe(true);
    await experiment.end();
    expect(readOfflineArchive(experiment.archivePath!).messages).toHaveLength(2);
  });

  it('recovers a journal a crashed process left behind before writing its own', async () => {
    const directory = scratch();
    const crashed = 'crashed000000000000000000000000001';
    // What a process killed mid-run leaves: the journal of an experiment that never ended.
    const journal = join(directory, `.${crashed}.journal`);
    mkdirSync(journal);
    writeFileSync(
      join(journal, 'experiment.json'),
      JSON.stringify({ offline_id: crashed, start_time: 1, stop_time: 1, tags: [] }),
    );
    writeFileSync(
      join(journal, 'messages.json'),
      `${JSON.stringify({ type: 'log_other', payload: { key: 'k', val: 'v' } })}\n{"torn`,
    );
    const experiment = await startOffline(directory);
    experiment.logOther('phase', 'warm-up');
    expect(existsSync(journal)).toBe(true);
    await nextTurn();
    expect(existsSync(journal)).toBe(false);
    expect(readOfflineArchive(join(directory, `${crashed}.zip`)).messages).toHaveLength(1);
    await experiment.end();
  });

  it('never fails start() for an archive location that cannot be written: the events count as lost', async () => {
    const lines: string[] = [];
    previousSink = setLogSink((_level, line) => lines.push(line));
    const blocked = join(scratch(), 'not-a-directory');
    writeFileSync(blocked, 'a plain file where the offline directory should be');
    const experiment = await startOffline(join(blocked, 'runs'));
    experiment.logMetric('loss', 1);
    await nextTurn();
    experiment.logMetric('loss', 2);
    const result = await experiment.end();
    expect(result.outcome).toBe('lost');
    expect(result.lostEvents).toBe(2);
    expect(lines.filter((line) => line.includes('could not write the offline archive'))).toHaveLength(1);
  });
});
