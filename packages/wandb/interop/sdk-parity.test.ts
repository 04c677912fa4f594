import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { oracleCommand, oraclePython } from '../../../test-support/oracle-python';
import { runProcess } from '../../../test-support/run-process';
import { decodeWandbFile, init } from '../src/index';
import { historyRows, parseWandbJson, type RecordedRun, type WandbTestServer } from '../src/testing/index';
import { pythonWandbEnvironment } from './python-wandb-environment';
import { serversClosedAfterEach } from './servers-closed-after-each';

const apiKey = 'interopkey'.repeat(4);
const startServer = serversClosedAfterEach(apiKey);

const pythonScript = (id: string) => `
import wandb
run = wandb.init(project="proj", entity="ent", id="${id}", name="nice", config={"lr": 0.001, "opt": {"name": "adam"}},
                 tags=["t1"], notes="hello",
                 settings=wandb.Settings(x_disable_stats=True, console="off", disable_git=True, save_code=False))
for i in range(3):
    run.log({"loss": 1.0 / (i + 1), "acc": i})
run.log({"nan": float("nan"), "inf": float("inf")})
run.summary["best"] = 0.5
run.finish()
`;

async function logSameWithOurs(options: { id: string; dir: string; mode?: 'offline'; baseUrl?: string }) {
  const ours = await init({
    project: 'proj',
    entity: 'ent',
    id: options.id,
    name: 'nice',
    config: { lr: 0.001, opt: { name: 'adam' } },
    tags: ['t1'],
    notes: 'hello',
    dir: options.dir,
    mode: options.mode,
    apiKey: options.mode === undefined ? apiKey : undefined,
    baseUrl: options.baseUrl,
  });
  for (let index = 0; index < 3; index++) ours.log({ loss: 1 / (index + 1), acc: index });
  ours.log({ nan: Number.NaN, inf: Number.POSITIVE_INFINITY });
  ours.summary.best = 0.5;
  return { run: ours, result: await ours.finish() };
}

function expectCompleteRun(recorded: RecordedRun) {
  const rows = historyRows(recorded);
  expect(rows).toHaveLength(4);
  rows.forEach((row, index) => {
    expect(row._step).toBe(index);
    expect(typeof row._runtime).toBe('number');
    expect(typeof row._timestamp).toBe('number');
  });
  expect(rows[1]).toMatchObject({ loss: 0.5, acc: 1 });
  expect(Number.isNaN(rows[3]!.nan)).toBe(true);
  expect(rows[3]!.inf).toBe(Number.POSITIVE_INFINITY);
  expect(recorded.summary).toMatchObject({
    best: 0.5,
    loss: 1 / 3,
    acc: 2,
    _step: 3,
    inf: Number.POSITIVE_INFINITY,
  });
  expect(recorded.complete).toBe(true);
  expect(recorded.exitCode).toBe(0);
  expect(recorded.conflicts).toEqual([]);
}

function createVariables(server: WandbTestServer, name: string) {
  const upserts = server
    .operations('UpsertBucket')
    .map((request) => (request.body as { variables: Record<string, unknown> }).variables)
    .filter((variables) => variables.name === name);
  return upserts;
}

describe('W&B test server against the real Python SDK, then our client', () => {
  it('the Python SDK completes init → log → finish against the server (the fake is faithful)', async () => {
    const server = await startServer();
    const home = mkdtempSync(join(tmpdir(), 'wandb-py-'));
    const result = await runProcess(oraclePython(), ['-c', pythonScript('py-run')], {
      cwd: home,
      env: pythonWandbEnvironment(server.url, apiKey, home),
    });
    expect(result.code, result.stderr).toBe(0);
    expectCompleteRun(server.run('py-run')!);
    const [created] = createVariables(server, 'py-run');
    expect(created).toMatchObject({
      name: 'py-run',
      project: 'proj',
      entity: 'ent',
      notes: 'hello',
      tags: ['t1'],
    });
    const config = JSON.parse(created!.config as string);
    expect(config).toMatchObject({ lr: { value: 0.001 }, opt: { value: { name: 'adam' } } });
    expect(server.requests.filter((request) => request.outcome === 'unauthorized')).toEqual([]);
  });

  it('our client produces the same kinds of requests as the Python SDK against the same server', async () => {
    const server = await startServer();
    const home = mkdtempSync(join(tmpdir(), 'wandb-py-'));
    const python = await runProcess(oraclePython(), ['-c', pythonScript('py-run')], {
      cwd: home,
      env: pythonWandbEnvironment(server.url, apiKey, home),
    });
    expect(python.code, python.stderr).toBe(0);
    const { result } = await logSameWithOurs({
      id: 'ts-run',
      dir: mkdtempSync(join(tmpdir(), 'wandb-ts-')),
      baseUrl: server.url,
    });
    expect(result.outcome).toBe('delivered');
    const theirs = server.run('py-run')!;
    const ours = server.run('ts-run')!;
    expectCompleteRun(ours);
    // UpsertBucket: the same variable names, and the same run fields.
    const [pythonCreate] = createVariables(server, 'py-run');
    const [ourCreate] = createVariables(server, 'ts-run');
    expect(Object.keys(ourCreate!).sort()).toEqual(Object.keys(pythonCreate!).sort());
    for (const field of ['project', 'entity', 'notes', 'tags'] as const)
      expect(ourCreate![field]).toEqual(pythonCreate![field]);
    const pythonConfig = JSON.parse(pythonCreate!.config as string);
    const ourConfig = JSON.parse(ourCreate!.config as string);
    expect(ourConfig.lr).toEqual(pythonConfig.lr);
    expect(ourConfig.opt).toEqual(pythonConfig.opt);
    expect(ourConfig._wandb.value.t).toBeDefined();
    // History: the same keys per row and the same values apart from times.
    const withoutTimes = (row: Record<string, unknown>) => {
      const { _runtime, _timestamp, ...rest } = row;
      return rest;
    };
    const theirRows = historyRows(theirs);
    const ourRows = historyRows(ours);
    expect(ourRows.map((row) => Object.keys(row).sort())).toEqual(
      theirRows.map((row) => Object.keys(row).sort()),
    );
    expect(ourRows.map(withoutTimes)).toEqual(theirRows.map(withoutTimes));
    // Summary: the same keys, the same user values.
    expect(Object.keys(ours.summary!).sort()).toEqual(Object.keys(theirs.summary!).sort());
    for (const key of ['best', 'loss', 'acc', 'inf', '_step'])
      expect(ours.summary![key]).toEqual(theirs.summary![key]);
    // Completion.
    expect([ours.complete, ours.exitCode]).toEqual([theirs.complete, theirs.exitCode]);
    // Every file_stream request of ours is one the server understood (no unknown routes).
    expect(
      server.requests.filter((request) => request.unknownRoute && !request.path.startsWith('/sdk/otel')),
    ).toEqual([]);
  });

  it('`wandb sync` uploads our offline run unchanged: config, history rows, summary, completion', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wandb-ts-'));
    const { result } = await logSameWithOurs({ id: 'ts-offline', dir, mode: 'offline' });
    expect(result.outcome).toBe('offline');
    expect(result.directory).toMatch(/wandb\/offline-run-\d{8}_\d{6}-ts-offline$/);
    const written = decodeWandbFile(readFileSync(join(result.directory!, 'run-ts-offline.wandb')));
    const server = await startServer();
    const sync = await runProcess(oracleCommand('wandb'), ['sync', result.directory!], {
      cwd: dir,
      env: pythonWandbEnvironment(server.url, apiKey, dir),
    });
    expect(sync.code, sync.stderr + sync.stdout).toBe(0);
    const recorded = server.run('ts-offline')!;
    expectCompleteRun(recorded);
    const fileRows = written.filter((record) => record.type === 'history').map((record) => record.values);
    // `wandb sync` re-orders keys (Go maps); values and row order must be unchanged.
    expect(historyRows(recorded)).toEqual(fileRows);
    const [created] = createVariables(server, 'ts-offline');
    expect(created).toMatchObject({
      project: 'proj',
      entity: 'ent',
      displayName: 'nice',
      notes: 'hello',
      tags: ['t1'],
    });
    const config = JSON.parse(createVariables(server, 'ts-offline').at(-1)!.config as string);
    expect(config).toMatchObject({ lr: { value: 0.001 }, opt: { value: { name: 'adam' } } });
    expect(readdirSync(result.directory!)).toContain('run-ts-offline.wandb.synced');
  });

  it('decodes an offline run written by the Python SDK (WANDB_MODE=offline)', async () => {
    const home = mkdtempSync(join(tmpdir(), 'wandb-py-'));
    const python = await runProcess(oraclePython(), ['-c', pythonScript('py-offline')], {
      cwd: home,
      env: { ...pythonWandbEnvironment(undefined, apiKey, home), WANDB_MODE: 'offline' },
    });
    expect(python.code, python.stderr).toBe(0);
    const directory = readdirSync(join(home, 'wandb')).find((name) => name.startsWith('offline-run-'))!;
    expect(directory).toMatch(/^offline-run-\d{8}_\d{6}-py-offline$/);
    const records = decodeWandbFile(readFileSync(join(home, 'wandb', directory, 'run-py-offline.wandb')));
    const runRecord = records.find((record) => record.type === 'run');
    expect(runRecord).toMatchObject({
      runId: 'py-offline',
      project: 'proj',
      entity: 'ent',
      notes: 'hello',
      tags: ['t1'],
    });
    expect(runRecord).toMatchObject({ config: { lr: 0.001, opt: { name: 'adam' } } });
    const history = records.filter((record) => record.type === 'history').map((record) => record.values);
    expect(history).toHaveLength(4);
    expect(history[0]).toMatchObject({ loss: 1, acc: 0, _step: 0 });
    expect(Number.isNaN(history[3]!.nan)).toBe(true);
    const summaries = records.filter((record) => record.type === 'summary').map((record) => record.update);
    expect(summaries.some((update) => update.best === 0.5)).toBe(true);
    expect(records.some((record) => record.type === 'exit' && record.exitCode === 0)).toBe(true);
    expect(parseWandbJson('{"a":NaN,"b":"NaN"}')).toEqual({ a: Number.NaN, b: 'NaN' });
  });
});
