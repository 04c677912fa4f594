import { describe, expect, it } from 'vitest';
import { decodeWandbFile } from './decode-wandb-records';
import { LevelDbLogFramer, readLevelDbLog, wandbFileHeader } from './leveldb-log';
import {
  encodeExitRecord,
  encodeFinalRecord,
  encodeHistoryRecord,
  encodeHistoryRecordGeneric,
  encodeRunRecord,
  encodeSummaryRecord,
} from './wandb-records';

const specVector =
  '3a572642e1be00b7bb64f33900018a01360a08616263313233343512076d792d7465616d1a076d792d70726f6a' +
  '42086e6963652d72756e5205666c7974658a01060880e2cfaa06d1f670251f0001121d0a0c0a046c6f737382' +
  '0103302e350a0b0a055f73746570820101301200a6e5747e03000192010036001f5a030001a20100';

function writeFile(records: Uint8Array[]): Buffer {
  const framer = new LevelDbLogFramer();
  return Buffer.concat([wandbFileHeader, ...records.map((record) => framer.frame(record))]);
}

describe('.wandb framing', () => {
  it('reproduces the 129-byte test vector of tracking-protocols §1.6 byte for byte', () => {
    const file = writeFile([
      encodeRunRecord({
        runId: 'abc12345',
        entity: 'my-team',
        project: 'my-proj',
        displayName: 'nice-run',
        tags: ['flyte'],
        startTime: 1_700_000_000,
      }),
      encodeHistoryRecord(
        [
          ['loss', '0.5'],
          ['_step', '0'],
        ],
        0,
      ),
      encodeExitRecord(0, 0),
      encodeFinalRecord(),
    ]);
    expect(file.length).toBe(129);
    expect(file.toString('hex')).toBe(specVector);
  });

  it('decodes the test vector into its four records', () => {
    const records = decodeWandbFile(Buffer.from(specVector, 'hex'));
    expect(records.map((record) => record.type)).toEqual(['run', 'history', 'exit', 'final']);
    expect(records[0]).toMatchObject({
      runId: 'abc12345',
      entity: 'my-team',
      project: 'my-proj',
      tags: ['flyte'],
    });
    expect(records[0]).toMatchObject({ displayName: 'nice-run', startTime: 1_700_000_000 });
    expect(records[1]).toEqual({ type: 'history', values: { loss: 0.5, _step: 0 }, step: 0 });
    expect(records[2]).toEqual({ type: 'exit', exitCode: 0, runtime: 0 });
  });

  it('splits records across 32 KiB blocks (FIRST/MIDDLE/LAST, zero trailers) and reads them back', () => {
    const sizes = [10, 32_754 - 10 - 7, 100_000, 5, 32_761, 3];
    const records = sizes.map((size, index) => Buffer.alloc(size, index + 1));
    const file = writeFile(records);
    const read = readLevelDbLog(file);
    expect(read.map((record) => record.length)).toEqual(sizes);
    read.forEach((record, index) => {
      expect(Buffer.from(record).equals(records[index]!)).toBe(true);
    });
  });

  it('writes an empty FIRST chunk when exactly 7 bytes are left in a block', () => {
    // Header (7) + chunk header (7) + 32747 bytes leaves exactly 7 bytes in block 0.
    const file = writeFile([Buffer.alloc(32_747, 1), Buffer.alloc(20, 2)]);
    expect(file.readUInt16LE(32_765)).toBe(0);
    expect(file[32_767]).toBe(2);
    expect(readLevelDbLog(file).map((record) => record.length)).toEqual([32_747, 20]);
  });

  it('rejects corrupted files, naming the option to fix', () => {
    const file = Buffer.from(specVector, 'hex');
    file[20] = file[20]! ^ 0xff;
    expect(() => readLevelDbLog(file)).toThrow(/bad checksum/);
    expect(() => readLevelDbLog(Buffer.from('not wandb'))).toThrow(/:W&B header/);
  });
});

describe('fast record encoding', () => {
  it('writes the same bytes as the generic protobuf writer', () => {
    const rows: [string, string][][] = [
      [],
      [['loss', '0.5']],
      [
        ['ünïcödé', '"välue"'],
        ['k'.repeat(200), 'v'.repeat(20_000)],
        ['', '1'],
      ],
    ];
    for (const row of rows) {
      for (const step of [0, 1, 127, 128, 300_000]) {
        expect(Buffer.from(encodeHistoryRecord(row, step)).toString('hex')).toBe(
          Buffer.from(encodeHistoryRecordGeneric(row, step)).toString('hex'),
        );
      }
    }
    const decoded = decodeWandbFile(writeFile([encodeSummaryRecord([['best', '0.25']])]));
    expect(decoded).toEqual([{ type: 'summary', update: { best: 0.25 }, remove: [] }]);
  });

  it('reads every whole record of a file cut off mid-record and says where it stopped', async () => {
    const { readWandbFile } = await import('./decode-wandb-records');
    const rows = Array.from({ length: 3 }, (_, step) =>
      encodeHistoryRecord(
        [
          ['value', String(step)],
          ['_step', String(step)],
        ],
        step,
      ),
    );
    const whole = writeFile(rows);
    const cut = whole.subarray(0, whole.length - 3);
    expect(() => readLevelDbLog(cut)).toThrow(/truncated chunk at byte/);
    const { records, damage } = readWandbFile(cut);
    expect(records.map((record) => (record.type === 'history' ? record.step : -1))).toEqual([0, 1]);
    expect(damage).toEqual({ offset: whole.length - rows[2]!.length - 7, reason: 'truncated chunk' });
    expect(decodeWandbFile(cut)).toHaveLength(2);
  });
});
