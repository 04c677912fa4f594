import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setLogSink } from '@tasklens/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeWandbFile } from '../offline/decode-wandb-records';
import { WandbTestServer } from '../testing';
import { init } from './init-run';

const apiKey = 'parity'.repeat(8);
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

async function server(options: Parameters<typeof WandbTestServer.start>[0] = {}): Promise<WandbTestServer> {
  const started = await WandbTestServer.start(options);
  servers.push(started);
  return started;
}

const directory = () => mkdtempSync(join(tmpdir(), 'wandb-parity-'));

describe('W&B behaviour as the Python SDK', () => {
  it('fails init clearly when the server rejects the API key (401), instead of going offline', async () => {
    const rejecting = await server({ apiKey: 'right'.repeat(10) });
    const started = init({
      project: 'p',
      dir: directory(),
      environment: { WANDB_API_KEY: apiKey, WANDB_BASE_URL: rejecting.url },
      retry: { initialDelayMs: 1, maxDelayMs: 5 },
    });
    await expect(started).rejects.toMatchObject({
      name: 'TasklensInvalidOptionError',
      option: 'apiKey',
      message: expect.stringMatching(/rejected the API key \(HTTP 401\)/),
    });
    expect(lines.join('\n')).not.toContain(apiKey);
  });

  it('counts tag and project lengths in characters, as Python len(): 64 emoji tags are accepted', async () => {
    const tag = '🚀'.repeat(64);
    const run = await init({
      project: '📈'.repeat(128),
      mode: 'offline',
      dir: directory(),
      tags: [tag],
      environment: {},
    });
    expect(run.tags).toEqual([tag]);
    await run.finish();
    await expect(
      init({ project: 'p', mode: 'offline', dir: directory(), tags: ['🚀'.repeat(65)], environment: {} }),
    ).rejects.toThrow(/Tags must be between 1 and 64 characters/);
  });

  it('names the key of an invalid Date in log and config with a typed error', async () => {
    const run = await init({ project: 'p', mode: 'offline', dir: directory(), environment: {} });
    expect(() => run.log({ when: new Date('nope') })).toThrow(
      expect.objectContaining({ name: 'TasklensInvalidOptionError', option: 'data.when' }),
    );
    expect(() => {
      run.config.started = new Date(Number.NaN);
    }).toThrow(expect.objectContaining({ option: 'config.started' }));
    await run.finish();
  });

  it('supports delete run.summary.key (the SDK del) online and offline, and keeps summary _runtime in whole seconds', async () => {
    const live = await server();
    const run = await init({
      project: 'p',
      entity: 'e',
      id: 'parity-summary',
      dir: directory(),
      flushIntervalMs: 5,
      environment: { WANDB_API_KEY: apiKey, WANDB_BASE_URL: live.url },
    });
    run.log({ loss: 0.5, accuracy: 0.9 });
    run.summary.best = 3;
    delete run.summary.best;
    delete run.summary.accuracy;
    const result = await run.finish();
    const summary = live.run('parity-summary')?.summary ?? {};
    expect(summary.best).toBeUndefined();
    expect(summary.accuracy).toBeUndefined();
    expect(summary.loss).toBe(0.5);
    expect(Number.isInteger(summary._runtime)).toBe(true);
    const records = decodeWandbFile(readFileSync(join(result.directory!, 'run-parity-summary.wandb')));
    const removed = records.flatMap((record) => (record.type === 'summary' ? record.remove : []));
    expect(removed).toEqual(['best', 'accuracy']);
    const final = records.filter((record) => record.type === 'summary').at(-1);
    expect(final?.type === 'summary' && Number.isInteger(final.update._runtime)).toBe(true);
    expect(final?.type === 'summary' && final.update.accuracy).toBeUndefined();
  });

  it('escapes terminal escape sequences and newlines of run names in log lines', async () => {
    const live = await server();
    const run = await init({
      project: 'p',
      entity: 'e',
      name: 'evil\n[tasklens:wandb] INFO forged\u001b[2J',
      dir: directory(),
      environment: { WANDB_API_KEY: apiKey, WANDB_BASE_URL: live.url },
    });
    await run.finish();
    const viewLine = lines.find((line) => line.includes('View run'))!;
    expect(viewLine).toContain('evil\\n[tasklens:wandb] INFO forged\\x1b[2J');
    expect(lines.some((line) => line.includes('\u001b'))).toBe(false);
  });

  it('uploads the run files the SDK uploads (CreateRunFiles + PUT) and run.save(path) files, and reports them as uploaded', async () => {
    const live = await server();
    const dir = directory();
    const checkpoint = join(dir, 'model.ckpt');
    writeFileSync(checkpoint, 'weights');
    const run = await init({
      project: 'p',
      entity: 'e',
      id: 'parity-files',
      dir,
      config: { lr: 0.1 },
      environment: { WANDB_API_KEY: apiKey, WANDB_BASE_URL: live.url },
    });
    run.log({ loss: 0.5 });
    expect(run.save(checkpoint)).toBe('model.ckpt');
    await run.finish();
    const recorded = live.run('parity-files')!;
    expect([...recorded.uploadedFiles.keys()].sort()).toEqual([
      'config.yaml',
      'model.ckpt',
      'requirements.txt',
      'wandb-metadata.json',
      'wandb-summary.json',
    ]);
    expect(recorded.uploadedFiles.get('model.ckpt')?.toString()).toBe('weights');
    expect(recorded.uploadedFiles.get('config.yaml')?.toString()).toContain('"lr":\n  value: 0.1');
    expect(JSON.parse(recorded.uploadedFiles.get('wandb-summary.json')!.toString())).toMatchObject({
      loss: 0.5,
    });
    expect(recorded.uploadedFiles.get('requirements.txt')?.toString()).toMatch(/^\S+==\S+$/m);
    const uploaded = live.requests.flatMap(
      (request) => (request.body as { uploaded?: string[] } | undefined)?.uploaded ?? [],
    );
    expect(uploaded).toContain('model.ckpt');
    expect(recorded.complete).toBe(true);
    expect(lines.join('\n')).not.toContain(apiKey);
  });
});
