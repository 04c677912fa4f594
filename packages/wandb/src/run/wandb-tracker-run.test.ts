import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { logMetrics, logParams, task, trackers, trackingMetadata } from '@tasklens/core';
import { renderDeckHtml, runInContext, setLogSink } from '@tasklens/core/plugin';
import { localTaskContext } from '@tasklens/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { WandbTestServer } from '../testing';
import { wandbInit } from '../wandb-init';
import { wandbRun } from './current-run';

const servers: WandbTestServer[] = [];
afterEach(async () => {
  setLogSink(undefined);
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function runTask(mode: 'online' | 'offline', server?: WandbTestServer) {
  setLogSink(() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'wandb-trackers-'));
  const seen: { listed: unknown[]; url: string | undefined; config: unknown; inside: unknown } = {
    listed: [],
    url: undefined,
    config: undefined,
    inside: undefined,
  };
  const train = task(
    { name: 'train' },
    wandbInit({
      project: 'proj',
      entity: 'ent',
      secret: () => 'unused',
      id: `trackers-${mode}`,
      mode,
      dir,
      flushIntervalMs: 5,
      environment: server === undefined ? {} : { WANDB_API_KEY: 'k'.repeat(40), WANDB_BASE_URL: server.url },
    })(async () => {
      seen.listed = trackers().map((run) => ({ provider: run.provider, runId: run.runId, url: run.url }));
      logParams({ learning_rate: 0.01 });
      logMetrics({ loss: 0.5 });
      logMetrics({ loss: 0.25, accuracy: 0.75 });
      seen.url = trackingMetadata().experiment_tracker_url;
      seen.config = wandbRun()?.config.toJSON();
      seen.inside = trackers().length;
    }),
  );
  const context = localTaskContext();
  await runInContext(context, () => train.execute(context, {}));
  return { seen, context, dir, html: renderDeckHtml(context.decks) };
}

describe('the vendor-neutral tracker interface (trackers(), logMetrics/logParams, Tracking deck)', () => {
  it('lists the online W&B run with its URL, fans metrics and params out to it, and shows the last values in the Tracking tab', async () => {
    const server = await WandbTestServer.start();
    servers.push(server);
    const { seen, context, html } = await runTask('online', server);
    expect(seen.listed).toEqual([
      {
        provider: 'wandb',
        runId: 'trackers-online',
        url: expect.stringContaining('/ent/proj/runs/trackers-online'),
      },
    ]);
    expect(seen.url).toMatch(/\/ent\/proj\/runs\/trackers-online$/);
    expect(seen.config).toMatchObject({ learning_rate: 0.01 });
    const rows = server.run('trackers-online')?.files.get('wandb-history.jsonl') ?? [];
    expect(rows.map((row) => JSON.parse(row).loss)).toEqual([0.5, 0.25]);
    expect(html).toContain('Tracking');
    expect(html).toContain(`href="${seen.url}"`);
    expect(html).toMatch(/loss<\/td><td>0\.250000/);
    expect(html).toMatch(/accuracy<\/td><td>0\.750000/);
    expect(trackers(context)).toEqual([]);
    expect(trackingMetadata(context).experiment_tracker_url).toBe(seen.url);
  });

  it('lists an offline run with its directory and the wandb sync command', async () => {
    const { html, context, dir } = await runTask('offline');
    const [entry] = trackingMetadata(context).experiment_trackers;
    expect(entry?.url).toBeUndefined();
    expect(entry?.offline_path).toContain(join(dir, 'wandb', 'offline-run-'));
    expect(entry?.sync_command).toBe(`wandb sync ${entry?.offline_path}`);
    expect(html).toContain(`wandb sync ${entry?.offline_path}`);
    expect(trackingMetadata(context).experiment_tracker_url).toBeUndefined();
  });
});
