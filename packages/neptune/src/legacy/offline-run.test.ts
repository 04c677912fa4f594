import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { initRun } from './init-run';
import { listOfflineRuns, readOfflineRun } from './read-offline-run';

const pythonRun = fileURLToPath(
  new URL(
    '../__fixtures__/python-neptune/offline/run__f417a30b-69e8-4749-812c-e30cace2395b__29856__zimse755',
    import.meta.url,
  ),
);

describe('offline runs in the neptune 1.14 disk format', () => {
  it('reads an offline run the Python client wrote (operations, versions, container id)', () => {
    const run = readOfflineRun(pythonRun);
    expect(run.containerId).toBe('f417a30b-69e8-4749-812c-e30cace2395b');
    expect(run.metadata).toMatchObject({ mode: 'offline', containerType: 'run', structureVersion: 3 });
    expect(run.lastPutVersion).toBe(run.operations.length);
    expect(run.lastAckVersion).toBe(0);
    expect(run.operations.map((entry) => entry.version)).toEqual(run.operations.map((_, index) => index + 1));
    const types = run.operations.map((entry) => entry.operation.type);
    expect(types.slice(0, 4)).toEqual(['AssignString', 'AssignString', 'AddStrings', 'AssignBool']);
    const loss = run.operations.filter((entry) => entry.operation.type === 'LogFloats');
    expect(
      loss.map((entry) => (entry.operation as { values: { value: number; step: number }[] }).values[0]),
    ).toMatchObject([
      { value: 0.5, step: 0 },
      { value: 0.25, step: 1 },
      { value: 0.5 / 3, step: 2 },
    ]);
  });

  it('writes the same shape: run__<uuid>__<pid>__<rand8>, opening operations, one JSON line per operation', async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'neptune-offline-'));
    const run = await initRun({
      mode: 'offline',
      project: 'ws/proj',
      name: 'nm',
      description: 'desc',
      tags: ['a', 'b'],
      dataDirectory,
    });
    run.assign('params', { lr: 0.1, n: 7, s: 'x', b: true });
    for (let step = 0; step < 3; step++)
      run.log('train/loss', 0.5 / (step + 1), { step, timestamp: 1_800_000_000 + step });
    run.addTags('c');
    run.assign('skipped', null);
    const result = await run.stop();
    expect(result.outcome).toBe('offline');
    const [directory] = listOfflineRuns(join(dataDirectory, '.neptune'));
    expect(directory).toMatch(new RegExp(`/offline/run__${run.containerId}__${process.pid}__[a-z0-9]{8}$`));
    // A random (version 4, RFC 4122 variant) uuid, as uuid.uuid4() gives the Python client.
    expect(run.containerId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result.directory).toBe(directory);
    const ours = readOfflineRun(directory!);
    const python = readOfflineRun(pythonRun);
    // Python also writes source_code/* (we have no source tracking); otherwise the operations match.
    const withoutSource = python.operations.filter((entry) => entry.operation.path[0] !== 'source_code');
    expect(ours.operations.map((entry) => entry.operation.type)).toEqual(
      withoutSource.map((entry) => entry.operation.type),
    );
    expect(ours.operations.map((entry) => entry.operation.path)).toEqual(
      withoutSource.map((entry) => entry.operation.path),
    );
    expect(ours.operations.at(4)!.operation).toEqual({
      type: 'AssignFloat',
      path: ['params', 'lr'],
      value: 0.1,
    });
    expect(ours.operations.at(-2)!.operation).toEqual({
      type: 'LogFloats',
      path: ['train', 'loss'],
      values: [{ value: 0.5 / 3, step: 2, ts: 1_800_000_002 }],
    });
    expect(ours.lastPutVersion).toBe(ours.operations.length);
    expect(readFileSync(join(directory!, 'last_ack_version'), 'utf8')).toBe('0');
    expect(Object.keys(ours.metadata!)).toEqual(Object.keys(python.metadata!));
    expect(ours.metadata).toMatchObject({
      mode: 'offline',
      containerId: run.containerId,
      containerType: 'run',
      structureVersion: 3,
    });
  });

  it('records last_put_version for the opening operations when the directory is created, and for later ones after', async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), 'neptune-offline-'));
    const run = await initRun({ mode: 'offline', dataDirectory, tags: 't', environment: {} });
    // The directory is created on the turn after the start; nothing has been flushed or stopped.
    await new Promise((resolve) => setImmediate(resolve));
    const directory = run.offlineDirectory!;
    const putVersion = () => readFileSync(join(directory, 'last_put_version'), 'utf8');
    const logLines = () => readFileSync(join(directory, 'data-1.log'), 'utf8').trim().split('\n');
    expect(logLines()).toHaveLength(4);
    expect(putVersion()).toBe('4');
    run.log('train/loss', 1, { step: 0 });
    // A kill now would leave 5 lines and version 4 (the reader recovers 5 from the log); the
    // batching timer soon records 5 itself.
    await vi.waitFor(() => expect(putVersion()).toBe('5'), { timeout: 30_000, interval: 20 });
    expect(logLines()).toHaveLength(5);
    await run.stop();
  });

  it('rejects bad options with typed errors naming the option', async () => {
    await expect(initRun({ mode: 'bogus' as never })).rejects.toMatchObject({ option: 'mode' });
    await expect(initRun({ mode: 'offline', project: 'no-slash' })).rejects.toMatchObject({
      option: 'project',
    });
    await expect(initRun({ mode: 'async', project: 'w/p', environment: {} })).rejects.toMatchObject({
      option: 'apiToken',
    });
    await expect(
      initRun({ mode: 'async', project: 'w/p', apiToken: 'not base64 json', environment: {} }),
    ).rejects.toMatchObject({
      option: 'apiToken',
    });
  });
});
