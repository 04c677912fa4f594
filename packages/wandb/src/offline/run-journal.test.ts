import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pollUntil } from '@tasklens/core/testing';
import { describe, expect, it } from 'vitest';
import { readWandbFile } from './decode-wandb-records';
import { wandbFileHeader } from './leveldb-log';
import { RunJournal } from './run-journal';
import { encodeHistoryRecord } from './wandb-records';

function journal(durableFlushMs: number): RunJournal {
  const created = RunJournal.create(
    mkdtempSync(join(tmpdir(), 'journal-')),
    'offline-run',
    'abc',
    new Date(),
  );
  created.setDurableFlushMs(durableFlushMs);
  return created;
}

const row = (step: number) =>
  encodeHistoryRecord(
    [
      ['value', String(step)],
      ['_step', String(step)],
    ],
    step,
  );

describe('RunJournal durability', () => {
  it('writes a logged record to disk by itself within durableFlushMs, without a finish or more logging', async () => {
    const file = journal(50);
    file.append(row(0));
    await pollUntil(
      'the record on disk',
      () => (statSync(file.path).size > wandbFileHeader.length ? true : undefined),
      30_000,
    );
    expect(readWandbFile(readFileSync(file.path)).records.map((record) => record.type)).toEqual(['history']);
    file.close();
  });

  it('writes on the next append once durableFlushMs has passed, even when a busy loop starves timers', () => {
    const file = journal(20);
    file.append(row(0));
    const started = Date.now();
    while (Date.now() - started <= 25) {
      // A synchronous training loop: no timer can run here.
    }
    file.append(row(1));
    const { records, damage } = readWandbFile(readFileSync(file.path));
    expect(records).toHaveLength(2);
    expect(damage).toBeUndefined();
    file.close();
  });

  it('counts records it could not write (disk full) instead of throwing or buffering them', async () => {
    const { openSync } = await import('node:fs');
    const file = journal(1000);
    const failures: unknown[] = [];
    file.onFailure = (error) => failures.push(error);
    file.replaceDescriptorForTest(openSync('/dev/full', 'w'));
    for (let step = 0; step < 5000; step++) file.append(row(step));
    file.close();
    expect(failures).toHaveLength(1);
    expect(file.lostRecords).toBe(5000);
  });
});
