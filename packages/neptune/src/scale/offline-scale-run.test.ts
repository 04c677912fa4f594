import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromBinary, type JsonValue, toJson } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { createScaleRun } from './create-scale-run';
import { OperationsDatabase, readableCopy } from './operations-database';
import { RunSchema, UpdateRunSnapshotSchema } from './protobuf/gen/neptune_pb/ingest/v1/common_pb';

const fixtures = fileURLToPath(new URL('../__fixtures__/python-neptune-scale', import.meta.url));
const pythonDatabase = join(
  fixtures,
  readdirSync(fixtures).find((name) => name.startsWith('ws_proj_my-run-1_'))!,
  'run_operations.sqlite3',
);

/** Decoded operations without the times (which differ run to run). */
function decoded(path: string): JsonValue[] {
  const database = new OperationsDatabase(readableCopy(path));
  try {
    return database.operations().map(({ operationType, operation }) => {
      const json = (
        operationType === 1
          ? toJson(RunSchema, fromBinary(RunSchema, operation))
          : toJson(UpdateRunSnapshotSchema, fromBinary(UpdateRunSnapshotSchema, operation))
      ) as Record<string, JsonValue>;
      delete json.timestamp;
      delete json.creationTime;
      return { operationType, ...json };
    });
  } finally {
    database.close();
  }
}

describe('offline Scale runs in neptune-scale 0.30 run_operations.sqlite3 format', () => {
  it('reads the database neptune-scale wrote (metadata v5, create then updates)', () => {
    const database = new OperationsDatabase(readableCopy(pythonDatabase));
    expect(database.metadata()).toEqual({ version: 'v5', project: 'ws/proj', runId: 'my-run-1' });
    database.close();
    const operations = decoded(pythonDatabase);
    expect(operations[0]).toEqual({
      operationType: 1,
      family: 'my-run-1',
      experimentId: 'exp-1',
      inheritConfigs: true,
    });
    expect(operations).toHaveLength(6);
  });

  it('writes the same operations as neptune-scale for the same calls', async () => {
    const logDirectory = mkdtempSync(join(tmpdir(), 'neptune-scale-'));
    const run = await createScaleRun({
      mode: 'offline',
      project: 'ws/proj',
      runId: 'my-run-1',
      experimentName: 'exp-1',
      logDirectory,
      environment: {},
    });
    run.logConfigs({
      'flyte/project': 'p',
      'params/n': 7,
      'params/lr': 0.1,
      'params/b': true,
      'params/when': new Date(Date.UTC(2026, 0, 2)),
      'params/set': ['x', 'y'],
    });
    for (let step = 0; step < 3; step++) run.logMetrics({ data: { 'train/loss': 0.5 / (step + 1) }, step });
    run.addTags(['a', 'b']);
    const result = await run.close();
    expect(result.outcome).toBe('offline');
    expect(result.databasePath).toMatch(/\/ws_proj_my-run-1_\d+\/run_operations\.sqlite3$/);
    expect(result.databasePath!.startsWith(logDirectory)).toBe(true);
    expect(decoded(result.databasePath!)).toEqual(decoded(pythonDatabase));
    const database = new OperationsDatabase(result.databasePath!);
    expect(database.metadata()).toEqual({ version: 'v5', project: 'ws/proj', runId: 'my-run-1' });
    database.close();
  });

  it('rejects bad options with typed errors naming the option', async () => {
    await expect(createScaleRun({ environment: {} })).rejects.toMatchObject({ option: 'project' });
    await expect(createScaleRun({ project: 'nope', environment: {} })).rejects.toMatchObject({
      option: 'project',
    });
    await expect(createScaleRun({ project: 'w/p', mode: 'async', environment: {} })).rejects.toMatchObject({
      option: 'apiToken',
    });
    await expect(
      createScaleRun({ project: 'w/p', mode: 'offline', runId: 'x'.repeat(129), environment: {} }),
    ).rejects.toMatchObject({
      option: 'runId',
    });
  });
});
