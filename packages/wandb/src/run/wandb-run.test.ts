import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setLogSink } from '@tasklens/core/plugin';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeWandbFile, type WandbRecord } from '../offline/decode-wandb-records';
import { historyRows, WandbTestServer } from '../testing';
import { wandbRun } from './current-run';
import { init } from './init-run';
import type { WandbRun } from './wandb-run';

const apiKey = 'unit'.repeat(10);
let lines: string[] = [];
const servers: WandbTestServer[] = [];

beforeEach(() => {
  lines = [];
  setLogSink((_level, line) => lines.push(line));
});
afterEach(async () => {
  setLogSink(undefined);
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function temporaryDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'wandb-unit-'));
}

async function offlineRun(options: Parameters<typeof init>[0] = {}): Promise<WandbRun> {
  return init({
    project: 'proj',
    entity: 'ent',
    mode: 'offline',
    dir: temporaryDirectory(),
    environment: {},
    ...options,
  });
}

async function finishAndDecode(run: WandbRun): Promise<WandbRecord[]> {
  const result = await run.finish();
  return decodeWandbFile(readFileSync(join(result.directory!, `run-${run.id}.wandb`)));
}

const history = (records: WandbRecord[]) =>
  records.flatMap((record) => (record.type === 'history' ? [record.values] : []));

describe('WandbRun.log step semantics (as wandb.log)', () => {
  it('commits one row per call and numbers steps from 0', async () => {
    const run = await offlineRun();
    run.log({ loss: 1 });
    run.log({ loss: 2 });
    const rows = history(await finishAndDecode(run));
    expect(rows.map((row) => [row._step, row.loss])).toEqual([
      [0, 1],
      [1, 2],
    ]);
    for (const row of rows) {
      expect(row._runtime).toBeGreaterThanOrEqual(0);
      expect(row._timestamp).toBeGreaterThan(1_600_000_000);
    }
  });

  it('merges commit=false data into the next committed row', async () => {
    const run = await offlineRun();
    run.log({ a: 1 }, { commit: false });
    run.log({ b: 2 });
    run.log({ c: 3 });
    expect(history(await finishAndDecode(run)).map(({ _runtime, _timestamp, ...row }) => row)).toEqual([
      { a: 1, b: 2, _step: 0 },
      { c: 3, _step: 1 },
    ]);
  });

  it('with an explicit step, keeps the row open until the step moves on (or finish)', async () => {
    const run = await offlineRun();
    run.log({ loss: 1 }, { step: 5 });
    run.log({ acc: 0.5 }, { step: 5 });
    run.log({ loss: 2 }, { step: 7 });
    const rows = history(await finishAndDecode(run)).map(({ _runtime, _timestamp, ...row }) => row);
    expect(rows).toEqual([
      { loss: 1, acc: 0.5, _step: 5 },
      { loss: 2, _step: 7 },
    ]);
  });

  it('ignores a step lower than the current one with the SDK warning', async () => {
    const run = await offlineRun();
    run.log({ loss: 1 }, { step: 3, commit: true });
    run.log({ loss: 9 }, { step: 1 });
    expect(lines.join('\n')).toContain(
      'Tried to log to step 1 that is less than the current step 4. Steps must be monotonically increasing, so this data will be ignored.',
    );
    expect(history(await finishAndDecode(run)).map((row) => row.loss)).toEqual([1]);
  });

  it('keeps NaN and ±Infinity as W&B tokens', async () => {
    const run = await offlineRun();
    run.log({
      nan: Number.NaN,
      inf: Number.POSITIVE_INFINITY,
      minf: Number.NEGATIVE_INFINITY,
      nested: { x: [1, Number.NaN] },
    });
    const [row] = history(await finishAndDecode(run));
    expect(row).toMatchObject({
      nan: Number.NaN,
      inf: Number.POSITIVE_INFINITY,
      minf: Number.NEGATIVE_INFINITY,
    });
    expect(row!.nested).toEqual({ x: [1, Number.NaN] });
  });

  it('rejects values that cannot be logged, naming the key', async () => {
    const run = await offlineRun();
    expect(() => run.log({ fn: () => 1 })).toThrow(expect.objectContaining({ option: 'data.fn' }));
    expect(() => run.log({ deep: { sym: Symbol('x') } })).toThrow(
      expect.objectContaining({ option: 'data.deep.sym' }),
    );
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => run.log({ circular })).toThrow(/circular/);
    expect(() => run.log([1] as never)).toThrow(expect.objectContaining({ option: 'data' }));
    expect(() => run.log({ x: 1 }, { step: -1 })).toThrow(expect.objectContaining({ option: 'step' }));
    await run.finish();
  });
});

describe('offline runs', () => {
  it('writes wandb/offline-run-<time>-<id>/run-<id>.wandb with run, config, history, summary, exit, final', async () => {
    const dir = temporaryDirectory();
    const run = await init({
      project: 'proj',
      entity: 'ent',
      id: 'off1',
      mode: 'offline',
      dir,
      environment: {},
      name: 'first',
      notes: 'n',
      tags: ['a', 'b'],
      config: { lr: 0.1 },
    });
    expect(wandbRun()).toBe(run);
    expect(run.url).toBeUndefined();
    run.config.batch = 32;
    run.config.update({ epochs: 3 });
    run.log({ loss: 0.5 });
    run.summary.best = 0.25;
    run.tags = ['a', 'b', 'c'];
    const records = await finishAndDecode(run);
    expect(wandbRun()).toBeUndefined();
    expect(readdirSync(join(dir, 'wandb'))[0]).toMatch(/^offline-run-\d{8}_\d{6}-off1$/);
    expect(records.map((record) => record.type)).toEqual([
      'header',
      'run',
      'environment',
      'files',
      'config',
      'config',
      'history',
      'summary',
      'run',
      'summary',
      'exit',
      'final',
    ]);
    expect(records[1]).toMatchObject({ runId: 'off1', project: 'proj', entity: 'ent', displayName: 'first' });
    expect(records[1]).toMatchObject({ notes: 'n', tags: ['a', 'b'], config: { lr: 0.1 } });
    expect(records[4]).toMatchObject({ update: { batch: 32 } });
    expect(records[8]).toMatchObject({ tags: ['a', 'b', 'c'] });
    expect(records[9]).toMatchObject({ update: { best: 0.25, loss: 0.5, _step: 0, _wandb: { runtime: 0 } } });
    expect(run.config.toJSON()).toEqual({ lr: 0.1, batch: 32, epochs: 3 });
  });

  it('honours WANDB_MODE, WANDB_DIR, WANDB_PROJECT and WANDB_ENTITY', async () => {
    const dir = temporaryDirectory();
    const run = await init({
      environment: {
        WANDB_MODE: 'offline',
        WANDB_DIR: dir,
        WANDB_PROJECT: 'env-proj',
        WANDB_ENTITY: 'env-ent',
      },
    });
    expect([run.mode, run.project, run.entity]).toEqual(['offline', 'env-proj', 'env-ent']);
    expect(run.id).toMatch(/^[a-z0-9]{8}$/);
    const result = await run.finish();
    expect(result.directory!.startsWith(join(dir, 'wandb'))).toBe(true);
  });

  it('disabled mode writes nothing and never fails', async () => {
    const dir = temporaryDirectory();
    const run = await init({ mode: 'disabled', dir, environment: {} });
    run.log({ loss: 1 });
    expect(await run.finish()).toMatchObject({ outcome: 'disabled', directory: undefined });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('validates run ids, project names and tags as the SDK does', async () => {
    await expect(offlineRun({ id: 'a/b' })).rejects.toThrow(
      "id: Run ID cannot contain the characters: :;,#?/'",
    );
    await expect(offlineRun({ id: ' x' })).rejects.toThrow('id: Run ID cannot start or end with whitespace');
    await expect(offlineRun({ project: 'a:b' })).rejects.toThrow(
      "project: Invalid project name 'a:b': cannot contain characters '/,\\\\,#,?,%,:', found ':'",
    );
    await expect(offlineRun({ tags: ['x'.repeat(65)] })).rejects.toThrow(
      expect.objectContaining({ option: 'tags[0]' }),
    );
  });
});

describe('online runs against the test server', () => {
  it('creates the run, streams history/summary/notes, prints the run URL once, completes with the exit code', async () => {
    const server = await WandbTestServer.start({ apiKey });
    servers.push(server);
    const run = await init({
      project: 'proj',
      entity: 'ent',
      id: 'on1',
      apiKey,
      baseUrl: server.url,
      dir: temporaryDirectory(),
      config: { lr: 0.1 },
      flushIntervalMs: 5,
    });
    expect(run.url).toBe(`${server.url}/ent/proj/runs/on1`);
    run.log({ loss: 1 });
    run.log({ loss: 0.5 });
    run.notes = 'changed';
    run.logConsole('epoch done');
    run.logConsole('oops', 'stderr');
    const result = await run.finish({ exitCode: 3 });
    expect(result.outcome).toBe('delivered');
    const recorded = server.run('on1')!;
    expect(historyRows(recorded).map((row) => [row._step, row.loss])).toEqual([
      [0, 1],
      [1, 0.5],
    ]);
    expect(recorded.summary).toMatchObject({ loss: 0.5, _step: 1, _wandb: { runtime: expect.any(Number) } });
    expect([recorded.complete, recorded.exitCode]).toEqual([true, 3]);
    expect(recorded.upserts.at(-1)).toMatchObject({ notes: 'changed', name: 'on1' });
    expect(JSON.parse(recorded.upserts[0]!.config as string)).toEqual({
      lr: { value: 0.1 },
      _wandb: { value: { t: {} } },
    });
    const log = recorded.files.get('output.log')!;
    expect(log[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6} epoch done$/);
    expect(log[1]).toMatch(/^ERROR \d{4}-.* oops$/);
    expect(lines.filter((line) => line.includes(run.url!))).toHaveLength(1);
  });

  it('resumes a run by id: steps and line offsets continue, old config kept', async () => {
    const server = await WandbTestServer.start({ apiKey });
    servers.push(server);
    const common = {
      project: 'proj',
      entity: 'ent',
      id: 'again',
      apiKey,
      baseUrl: server.url,
      flushIntervalMs: 5,
    };
    const first = await init({ ...common, dir: temporaryDirectory(), config: { lr: 0.1 } });
    first.log({ loss: 3 });
    first.log({ loss: 2 });
    await first.finish();
    const second = await init({
      ...common,
      dir: temporaryDirectory(),
      resume: 'allow',
      config: { epochs: 2 },
    });
    expect(second.config.toJSON()).toEqual({ lr: 0.1, epochs: 2 });
    second.log({ loss: 1 });
    await second.finish();
    expect(historyRows(server.run('again')!).map((row) => [row._step, row.loss])).toEqual([
      [0, 3],
      [1, 2],
      [2, 1],
    ]);
    await expect(
      init({ ...common, id: 'missing', dir: temporaryDirectory(), resume: 'must' }),
    ).rejects.toThrow(expect.objectContaining({ option: 'resume' }));
    await expect(init({ ...common, dir: temporaryDirectory(), resume: 'never' })).rejects.toThrow(
      /already exists/,
    );
  });

  it('falls back to an offline run when the service cannot be reached at init', async () => {
    const server = await WandbTestServer.start();
    servers.push(server);
    server.goDown(3600);
    const run = await init({
      project: 'proj',
      id: 'nonet',
      apiKey,
      baseUrl: server.url,
      dir: temporaryDirectory(),
      initTimeoutMs: 200,
      retry: { initialDelayMs: 10, maxDelayMs: 50 },
    });
    expect(run.mode).toBe('offline');
    run.log({ loss: 1 });
    const result = await run.finish();
    expect(result.directory).toMatch(/offline-run-\d{8}_\d{6}-nonet$/);
    expect(lines.join('\n')).toMatch(/could not create the run online/);
  });

  it('requires an API key online, naming the option and where keys come from', async () => {
    await expect(
      init({ project: 'proj', dir: temporaryDirectory(), environment: { HOME: temporaryDirectory() } }),
    ).rejects.toThrow(
      expect.objectContaining({ option: 'apiKey', message: expect.stringContaining('WANDB_API_KEY') }),
    );
    await expect(
      init({ project: 'proj', dir: temporaryDirectory(), environment: { WANDB_API_KEY: 'short' } }),
    ).rejects.toThrow('apiKey: API key must have 40+ characters, has 5.');
  });
});

describe('console capture', () => {
  it('mirrors stdout/stderr lines into the run with console "wrap", redacting secrets, and restores the streams', async () => {
    const { registerSecretValue } = await import('@tasklens/core/plugin');
    registerSecretValue('console-secret-value-123');
    const originalWrite = process.stdout.write;
    const run = await offlineRun({ console: 'wrap' });
    process.stdout.write('epoch 1\nepoch 2 partial');
    process.stdout.write(' done\nprogress 10%\rprogress 100%\n');
    process.stderr.write('key=console-secret-value-123\n');
    const records = await finishAndDecode(run);
    expect(process.stdout.write).toBe(originalWrite);
    const output = records.flatMap((record) =>
      record.type === 'output' ? [[record.stream, record.line]] : [],
    );
    expect(output).toEqual([
      ['stdout', 'epoch 1'],
      ['stdout', 'epoch 2 partial done'],
      ['stdout', 'progress 100%'],
      ['stderr', 'key=***'],
    ]);
  });
});
