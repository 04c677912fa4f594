import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { logMetrics, logParams, task, trackers, trackingMetadata } from '@tasklens/core';
import { renderDeckHtml, runInContext, setLogSink } from '@tasklens/core/plugin';
import { localTaskContext } from '@tasklens/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { remoteContext } from './__fixtures__/remote-context';
import { neptuneRun } from './current-run';
import type { NeptuneRun } from './legacy/neptune-run';
import { listOfflineRuns } from './legacy/read-offline-run';
import { neptuneInitRun } from './neptune-init-run';
import { neptuneScaleRun } from './neptune-scale-run';
import { LegacyTestServer, ScaleTestServer } from './testing';

const servers: (LegacyTestServer | ScaleTestServer)[] = [];
afterEach(async () => {
  setLogSink(undefined);
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

interface Seen {
  listed: { provider: string; runId: string; url: string | undefined }[];
  url: string | undefined;
}

/** Runs a task wrapped by `decorate` that logs through core's vendor-neutral calls only. */
async function runTask(
  decorate: ReturnType<typeof neptuneInitRun>,
  context = localTaskContext(),
  started: () => Promise<unknown> = async () => {},
) {
  setLogSink(() => undefined);
  const seen: Seen = { listed: [], url: undefined };
  const train = task(
    { name: 'train' },
    decorate(async () => {
      await started();
      seen.listed = trackers().map((run) => ({ provider: run.provider, runId: run.runId, url: run.url }));
      logParams({ learning_rate: 0.01 });
      logMetrics({ 'train/loss': 0.5 }, 0);
      logMetrics({ 'train/loss': 0.25, 'train/accuracy': 0.75 }, 1);
      seen.url = trackingMetadata().experiment_tracker_url;
    }),
  );
  await runInContext(context, () => train.execute(context, {}));
  return { seen, context, html: renderDeckHtml(context.decks) };
}

describe('neptuneInitRun registers its run with the tracker interface', () => {
  it('online: lists the run with its page, fans metrics and params out to the server, shows last values in the Tracking tab, and is inactive after the task', async () => {
    const server = await LegacyTestServer.start();
    servers.push(server);
    const decorate = neptuneInitRun({
      project: 'tasklens/trackers',
      secret: () => 'unused locally',
      customRunId: 'trackers-online',
      flushIntervalMs: 5,
      dataDirectory: mkdtempSync(join(tmpdir(), 'neptune-trackers-')),
      environment: { NEPTUNE_API_TOKEN: server.apiToken },
    });
    // The run connects in the background: its id and page are final once it is ready.
    const { seen, context, html } = await runTask(decorate, localTaskContext(), () =>
      neptuneRun<NeptuneRun>()!.ready(),
    );
    expect(seen.listed).toEqual([
      { provider: 'neptune', runId: 'TRA-1', url: `${server.url}/tasklens/trackers/e/TRA-1` },
    ]);
    expect(seen.url).toBe(`${server.url}/tasklens/trackers/e/TRA-1`);
    const recorded = server.runOf({ customId: 'trackers-online' })!;
    expect(recorded.values.get('parameters/learning_rate')).toBe(0.01);
    expect(recorded.series.get('train/loss')!.map((point) => [point.step, point.value])).toEqual([
      [0, 0.5],
      [1, 0.25],
    ]);
    expect(recorded.series.get('train/accuracy')!.map((point) => point.value)).toEqual([0.75]);
    expect(html).toContain('Tracking');
    expect(html).toContain(`href="${seen.url}"`);
    expect(html).toMatch(/train\/loss<\/td><td>0\.250000/);
    expect(html).toMatch(/train\/accuracy<\/td><td>0\.750000/);
    expect(trackers(context)).toEqual([]);
    expect(trackingMetadata(context).experiment_tracker_url).toBe(seen.url);
  });

  it('remote: experiment_tracker_url is the neptune-run-id link the Flyte console shows for the task', async () => {
    const server = await LegacyTestServer.start();
    servers.push(server);
    const decorate = neptuneInitRun({
      project: 'tasklens/trackers',
      secret: () => server.apiToken,
      host: 'https://neptune.example.org',
      flushIntervalMs: 5,
      dataDirectory: mkdtempSync(join(tmpdir(), 'neptune-trackers-')),
    });
    const { seen, context } = await runTask(decorate, remoteContext({}));
    const link =
      'https://neptune.example.org/tasklens/trackers?query=(%60flyte%2Fexecution_id%60%3Astring%20%3D%20%22ff59abade1e7f4758baf-n0-0%22)&lbViewUnpacked=true';
    expect(seen.url).toBe(link);
    expect(trackingMetadata(context).experiment_tracker_url).toBe(link);
  });

  it('offline: lists the run directory and the neptune sync command for exactly that run', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'neptune-trackers-'));
    const decorate = neptuneInitRun({
      project: 'tasklens/trackers',
      secret: () => 'unused',
      mode: 'offline',
      dataDirectory: directory,
    });
    const { context, html } = await runTask(decorate);
    const [path] = listOfflineRuns(join(directory, '.neptune'), 'offline');
    const [entry] = trackingMetadata(context).experiment_trackers;
    const uuid = /run__([0-9a-f-]{36})__/.exec(path!)![1];
    expect(entry).toEqual({
      provider: 'neptune',
      run_id: `offline/${uuid}`,
      url: undefined,
      offline_path: path,
      sync_command: `neptune sync --path ${directory} --project tasklens/trackers --object offline/${uuid}`,
    });
    expect(html).toContain(entry!.sync_command);
    expect(html).toMatch(/train\/loss<\/td><td>0\.250000/);
    expect(trackingMetadata(context).experiment_tracker_url).toBeUndefined();
  });
});

describe('neptuneScaleRun registers its run with the tracker interface', () => {
  it('online: the run page as neptune-scale builds it, metrics and params fanned out, step-less metrics continue after the last step', async () => {
    const server = await ScaleTestServer.start();
    servers.push(server);
    const decorate = neptuneScaleRun({
      project: 'tasklens/trackers',
      secret: () => 'unused locally',
      runId: 'scale trackers',
      flushIntervalMs: 5,
      logDirectory: mkdtempSync(join(tmpdir(), 'neptune-scale-trackers-')),
      environment: { NEPTUNE_API_TOKEN: server.apiToken },
    });
    let stepless: unknown;
    const { seen, context, html } = await runTask(((fn: () => Promise<void>) =>
      decorate(async () => {
        await fn();
        logMetrics({ 'train/loss': 0.125 });
        stepless = trackers()[0]?.lastMetrics();
      })) as never);
    const url = `${server.url}/tasklens/trackers/-/run/?customId=scale+trackers`;
    expect(seen.listed).toEqual([{ provider: 'neptune-scale', runId: 'scale trackers', url }]);
    expect(seen.url).toBe(url);
    expect(stepless).toEqual({ 'train/loss': 0.125, 'train/accuracy': 0.75 });
    const recorded = server.runOf('tasklens/trackers', 'scale trackers')!;
    expect(recorded.configs.get('parameters/learning_rate')).toBe(0.01);
    expect(recorded.metrics.get('train/loss')!.map((point) => [point.step, point.value])).toEqual([
      [0, 0.5],
      [1, 0.25],
      [2, 0.125],
    ]);
    expect(html).toContain(`href="${url}"`);
    expect(trackers(context)).toEqual([]);
  });

  it('offline: lists the run database and the neptune-scale sync command', async () => {
    const logDirectory = mkdtempSync(join(tmpdir(), 'neptune-scale-trackers-'));
    const decorate = neptuneScaleRun({
      project: 'tasklens/trackers',
      secret: () => 'unused',
      runId: 'offline-trackers',
      mode: 'offline',
      logDirectory,
    });
    const { context, html } = await runTask(decorate);
    const [entry] = trackingMetadata(context).experiment_trackers;
    expect(entry?.url).toBeUndefined();
    expect(entry?.offline_path).toMatch(/run_operations\.sqlite3$/);
    expect(dirname(dirname(entry!.offline_path!))).toBe(logDirectory);
    expect(entry?.sync_command).toBe(`neptune sync ${entry?.offline_path}`);
    expect(html).toContain(entry!.sync_command);
    expect(html).toMatch(/train\/loss<\/td><td>0\.250000/);
  });
});
