import { describe, expect, it } from 'vitest';
import { decodeWandbFile } from './decode-wandb-records';
import { LevelDbLogFramer, wandbFileHeader } from './leveldb-log';
import {
  encodeEnvironmentRecord,
  encodeExitRecord,
  encodeFilesRecord,
  encodeFinalRecord,
  encodeOutputRawRecord,
  encodeRunRecord,
  encodeSummaryRemoveRecord,
} from './wandb-records';

/*
 * Expected bytes (the records go through @bufbuild/protobuf's BinaryWriter): `wandb_internal_pb2.Record(...).SerializeToString().hex()` from the oracle venv
 * (wandb 0.31.0), e.g.
 *   Record(files=FilesRecord(files=[FilesItem(path='requirements.txt', type=FilesItem.WANDB)]))
 */
const pythonBytes = {
  requirements: '32160a140a10726571756972656d656e74732e7478741801',
  liveAndEnd: '32170a0e0a0a6d6f64656c2e636b707410020a050a01621001',
  // Record(exit=RunExitRecord(exit_code=-1, runtime=12)): a negative int32 takes 10 bytes.
  exit: '92010d08ffffffffffffffffff01100c',
  outputRaw: '6a1b0801120b0880e2cfaa061080e59a771a0a68c3a96c6c6f20e29c93',
  run: '8a01330a036162631201651a0170220c0a0a0a026c72820103302e3142016e52016152006a016870ac028a01060880e2cfaa06900101',
  summaryRemove: '1a0512030a0178',
  final: 'a20100',
  environment:
    'd201480a076c696e75782d361a0c0880e2cfaa061080cab5ee012a032d2d612a0162320a2f702f6d61696e2e6a735a022f706202766d720d2f7573722f62696e2f6e6f6465ba0c03772d31',
};

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('run file records', () => {
  it('writes a FilesRecord byte for byte as the Python SDK (the WANDB type, policies live and end)', () => {
    expect(hex(encodeFilesRecord([{ path: 'requirements.txt', policy: 'now', wandbFile: true }]))).toBe(
      pythonBytes.requirements,
    );
    expect(
      hex(
        encodeFilesRecord([
          { path: 'model.ckpt', policy: 'live' },
          { path: 'b', policy: 'end' },
        ]),
      ),
    ).toBe(pythonBytes.liveAndEnd);
  });

  it('writes an EnvironmentRecord byte for byte as the Python SDK', () => {
    const record = encodeEnvironmentRecord({
      os: 'linux-6',
      startedAt: 1_700_000_000.5,
      args: ['--a', 'b'],
      program: '/p/main.js',
      root: '/p',
      host: 'vm',
      executable: '/usr/bin/node',
      writerId: 'w-1',
    });
    expect(hex(record)).toBe(pythonBytes.environment);
  });

  it('writes run, output, exit, summary-remove and final records byte for byte as the Python SDK', () => {
    expect(hex(encodeExitRecord(-1, 12.9))).toBe(pythonBytes.exit);
    expect(hex(encodeOutputRawRecord('stdout', 1_700_000_000.25, 'héllo ✓'))).toBe(pythonBytes.outputRaw);
    const run = encodeRunRecord({
      runId: 'abc',
      entity: 'e',
      project: 'p',
      config: [['lr', '0.1']],
      displayName: 'n',
      tags: ['a', ''],
      host: 'h',
      startingStep: 300,
      startTime: 1_700_000_000,
      resumed: true,
    });
    expect(hex(run)).toBe(pythonBytes.run);
    expect(hex(encodeSummaryRemoveRecord(['x']))).toBe(pythonBytes.summaryRemove);
    expect(hex(encodeFinalRecord())).toBe(pythonBytes.final);
  });

  it('reads both back', () => {
    const framer = new LevelDbLogFramer();
    const file = Buffer.concat([
      wandbFileHeader,
      framer.frame(Buffer.from(pythonBytes.liveAndEnd, 'hex')),
      framer.frame(Buffer.from(pythonBytes.environment, 'hex')),
    ]);
    expect(decodeWandbFile(file)).toEqual([
      {
        type: 'files',
        files: [
          { path: 'model.ckpt', policy: 'live', wandbFile: false },
          { path: 'b', policy: 'end', wandbFile: false },
        ],
      },
      {
        type: 'environment',
        os: 'linux-6',
        startedAt: 1_700_000_000.5,
        args: ['--a', 'b'],
        program: '/p/main.js',
        root: '/p',
        host: 'vm',
        executable: '/usr/bin/node',
      },
    ]);
  });
});
