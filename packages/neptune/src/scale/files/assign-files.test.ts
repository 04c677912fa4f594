import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fromBinary } from '@bufbuild/protobuf';
import { InvalidOptionError } from '@tasklens/core';
import sqliteWasm from 'node-sqlite3-wasm';
import { afterEach, describe, expect, it } from 'vitest';
import { ScaleTestServer } from '../../testing/index';
import { createScaleRun } from '../create-scale-run';
import { OperationsDatabase, readableCopy } from '../operations-database';
import { UpdateRunSnapshotSchema } from '../protobuf/gen/neptune_pb/ingest/v1/common_pb';
import { generateDestination } from './generate-destination';

let server: ScaleTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(40, 1),
]);

function inputFiles() {
  const directory = mkdtempSync(join(tmpdir(), 'neptune-assign-files-'));
  const config = join(directory, 'config.yaml');
  const weights = join(directory, 'weights.bin');
  writeFileSync(config, 'lr: 0.001\n');
  writeFileSync(weights, Buffer.alloc(300_000, 7));
  return { directory, config, weights };
}

describe('assignFiles (neptune-scale 0.30 assign_files)', () => {
  it('online: signs, uploads every byte with its mime type and assigns file references', async () => {
    server = await ScaleTestServer.start();
    const { config, weights } = inputFiles();
    const logDirectory = mkdtempSync(join(tmpdir(), 'neptune-assign-online-'));
    const run = await createScaleRun({
      project: 'ws/proj',
      runId: 'files-1',
      apiToken: server.apiToken,
      logDirectory,
      flushIntervalMs: 10,
      environment: {},
    });
    run.assignFiles({ 'files/config': config, 'files/weights': { source: weights }, 'files/image': png });
    const result = await run.close();
    expect(result.outcome).toBe('delivered');
    const recorded = server.runOf('ws/proj', 'files-1')!;
    const reference = (attribute: string) =>
      recorded.configs.get(attribute) as { path: string; mimeType: string; sizeBytes: bigint };
    expect(reference('files/config')).toMatchObject({
      path: generateDestination('files-1', 'files/config', 'config.yaml', undefined),
      mimeType: 'application/yaml',
      sizeBytes: 10n,
    });
    expect(reference('files/weights')).toMatchObject({
      mimeType: 'application/octet-stream',
      sizeBytes: 300_000n,
    });
    expect(reference('files/image').mimeType).toBe('image/png');
    expect(reference('files/image').path).toMatch(
      /^files-1-[0-9a-f]{16}\/files_image-[0-9a-f]{16}\/none\/[0-9a-f-]{36}\.png$/,
    );
    for (const [attribute, content] of [
      ['files/config', Buffer.from('lr: 0.001\n')],
      ['files/weights', Buffer.alloc(300_000, 7)],
      ['files/image', png],
    ] as const) {
      const stored = server.storedFiles.get(reference(attribute).path);
      expect(stored?.content.equals(content), attribute).toBe(true);
      expect(stored?.contentType).toBe(reference(attribute).mimeType);
    }
    // Delivered: the run directory (with the temporary file for the bytes) is gone.
    expect(readdirSync(logDirectory)).toEqual([]);
  }, 120_000);

  it('offline: file_upload_requests rows and file_ref values, as neptune-scale stores them for its sync', async () => {
    const { config } = inputFiles();
    const logDirectory = mkdtempSync(join(tmpdir(), 'neptune-assign-offline-'));
    const run = await createScaleRun({
      project: 'ws/proj',
      runId: 'files-2',
      mode: 'offline',
      logDirectory,
      environment: {},
    });
    run.assignFiles({
      'files/config': config,
      'files/image': { source: png, destination: 'custom/place.png' },
    });
    const result = await run.close();
    const copy = readableCopy(result.databasePath!);
    const sqlite = new sqliteWasm.Database(copy);
    const rows = sqlite.all(
      'SELECT source_path, destination, mime_type, size_bytes, is_temporary FROM file_upload_requests ORDER BY id',
    );
    sqlite.close();
    expect(rows).toEqual([
      {
        source_path: config,
        destination: generateDestination('files-2', 'files/config', 'config.yaml', undefined),
        mime_type: 'application/yaml',
        size_bytes: 10,
        is_temporary: 0,
      },
      {
        source_path: expect.stringMatching(/\.png$/),
        destination: 'custom/place.png',
        mime_type: 'image/png',
        size_bytes: png.length,
        is_temporary: 1,
      },
    ]);
    // The bytes were saved in the run's storage directory, next to the database.
    const temporary = String(rows[1]?.source_path);
    expect(dirname(temporary)).toBe(dirname(result.databasePath!));
    expect(existsSync(temporary)).toBe(true);
    const database = new OperationsDatabase(readableCopy(result.databasePath!));
    const snapshots = database
      .operations()
      .filter((operation) => operation.operationType !== 1)
      .map((operation) => fromBinary(UpdateRunSnapshotSchema, operation.operation));
    database.close();
    const assigned = snapshots.find((snapshot) => snapshot.assign['files/image'] !== undefined)!;
    expect(assigned.assign['files/image']?.value).toMatchObject({
      case: 'fileRef',
      value: { path: 'custom/place.png', mimeType: 'image/png', sizeBytes: BigInt(png.length) },
    });
  });

  it('refuses bad input with an InvalidOptionError naming the attribute, keeping nothing of the call', async () => {
    const { directory, config } = inputFiles();
    mkdirSync(join(directory, 'folder'));
    const logDirectory = mkdtempSync(join(tmpdir(), 'neptune-assign-bad-'));
    const run = await createScaleRun({
      project: 'ws/proj',
      runId: 'files-3',
      mode: 'offline',
      logDirectory,
      environment: {},
    });
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ 'files/missing': join(directory, 'nothing.txt') }, 'files.files/missing', /does not exist/],
      [{ 'files/dir': join(directory, 'folder') }, 'files.files/dir', /is not a file/],
      [{ 'files/dest': { source: config, destination: 42 } }, 'files.files/dest', /destination must be/],
      [{ 'files/number': 7 }, 'files.files/number', /must be a path, bytes/],
    ];
    for (const [files, option, message] of cases) {
      let thrown: unknown;
      try {
        run.assignFiles({ 'files/good': config, ...(files as Record<string, string>) });
      } catch (error) {
        thrown = error;
      }
      expect(InvalidOptionError.isInstance(thrown), option).toBe(true);
      expect((thrown as InvalidOptionError).option).toBe(option);
      expect((thrown as Error).message).toMatch(message);
    }
    const result = await run.close();
    const sqlite = new sqliteWasm.Database(readableCopy(result.databasePath!));
    const [count] = sqlite.all('SELECT COUNT(*) AS count FROM file_upload_requests');
    sqlite.close();
    expect(count?.count).toBe(0);
  });
});
