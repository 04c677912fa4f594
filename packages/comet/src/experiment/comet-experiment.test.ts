import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readOfflineArchive } from '../offline/read-offline-archive';
import { resetLogin } from '../settings/login-session';
import { CometTestServer, othersOf } from '../testing/index';
import { getExperiment } from './current-experiment';
import { start } from './start-experiment';

const apiKey = 'unit0test0api0key0123456789';
const key = 'c0ffee00c0ffee00c0ffee00c0ffee00';
let server: CometTestServer | undefined;

afterEach(async () => {
  resetLogin();
  await server?.close();
  server = undefined;
});

const environment = (extra: Record<string, string> = {}) => ({
  HOME: mkdtempSync(join(tmpdir(), 'comet-home-')),
  ...extra,
});

describe('CometExperiment online', () => {
  it('creates the experiment with the caller key and delivers metrics, parameters, others, tags, html, output and assets', async () => {
    server = await CometTestServer.start({ apiKey });
    const experiment = await start({
      apiKey,
      urlOverride: server.clientlibUrl,
      workspace: 'ws',
      projectName: 'proj',
      experimentKey: key,
      experimentName: 'first',
      tags: ['a'],
      environment: environment(),
      transport: { flushIntervalMs: 10, handleProcessExit: false },
    });
    expect(experiment.url).toBe(`${server.url}/ws/proj/${key}`);
    expect(getExperiment()).toBe(experiment);
    expect(await start({ apiKey, experimentKey: key, environment: environment() })).toBe(experiment);
    for (let step = 0; step < 5; step++)
      experiment.logMetrics({ loss: 1 / (step + 1), nested: { acc: step } }, { step, epoch: 1 });
    experiment.logMetric('bad', Number.NaN, { context: 'train' });
    experiment.logParameters({ lr: 0.1, layers: [1, 2], optimizer: { name: 'adam' } });
    experiment.logOther('dataset', 'mnist');
    experiment.addTags(['b', 'c']);
    experiment.logHtml('<p>x</p>');
    experiment.logOutput('line\n');
    experiment.logAsset(Buffer.from('bytes'), { fileName: 'notes.txt', step: 4, metadata: { kind: 'note' } });
    const result = await experiment.end();
    expect(result.outcome).toBe('delivered');
    expect(getExperiment()).toBeUndefined();
    const recorded = server.experiment(key)!;
    expect(recorded).toMatchObject({
      workspace: 'ws',
      projectName: 'proj',
      tags: ['a', 'b', 'c'],
      html: ['<p>x</p>'],
    });
    expect(recorded.metrics.filter((metric) => metric.name === 'loss').map((metric) => metric.step)).toEqual([
      0, 1, 2, 3, 4,
    ]);
    expect(
      recorded.metrics.find((metric) => metric.name === 'nested.acc' && metric.step === 3),
    ).toMatchObject({ value: 3, epoch: 1 });
    expect(recorded.metrics.find((metric) => metric.name === 'bad')).toMatchObject({
      value: 'NaN',
      context: 'train',
      step: 4,
    });
    expect(recorded.parameters).toEqual([
      { name: 'lr', value: 0.1, step: 4 },
      { name: 'layers', value: [1, 2], step: 4 },
      { name: 'optimizer.name', value: 'adam', step: 4 },
    ]);
    expect(othersOf(recorded)).toEqual({ Name: 'first', dataset: 'mnist' });
    expect(recorded.output).toEqual([{ output: 'line\n', stderr: false }]);
    expect(
      recorded.assets.map((asset) => [asset.fileName, asset.bytes.toString(), asset.step, asset.metadata]),
    ).toEqual([['notes.txt', 'bytes', 4, { kind: 'note' }]]);
    expect(recorded.startTimeMillis).not.toBeNull();
    expect(recorded.endTimeMillis).not.toBeNull();
    // Ended as the SDK ends: a last status report saying the experiment is no longer alive.
    expect(recorded.statuses).toEqual([]);
    expect(server.routed('status-report/update').at(-1)!.body).toMatchObject({
      experimentKey: key,
      is_alive: false,
    });
  });

  it('marks the experiment crashed with the error message when ended with an error', async () => {
    server = await CometTestServer.start({ apiKey });
    const experiment = await start({
      apiKey,
      urlOverride: server.url,
      experimentKey: key,
      environment: environment(),
      transport: { handleProcessExit: false },
    });
    await experiment.end({ error: new TypeError('boom') });
    expect(server.routed('write/experiment/update-status').at(-1)!.body).toMatchObject({
      isAlive: false,
      hasCrashed: true,
      error: 'TypeError: boom',
    });
  });

  it('continues offline when Comet cannot be reached, without failing', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'comet-offline-'));
    const experiment = await start({
      apiKey,
      urlOverride: 'http://127.0.0.1:9/',
      experimentKey: key,
      offlineDirectory: directory,
      handshakeDeadlineMs: 0,
      environment: environment(),
    });
    // start() does not wait for the handshake; `ready` settles once the experiment went offline.
    await experiment.ready;
    expect(experiment.offline).toBe(true);
    experiment.logMetric('loss', 1, { step: 1 });
    const result = await experiment.end();
    expect(result.outcome).toBe('offline');
    const archive = readOfflineArchive(join(directory, `${key}.zip`));
    expect(archive.messages.map((message) => message.type)).toEqual(['metric_msg']);
  });
});

describe('CometExperiment offline', () => {
  it('writes <dir>/<key>.zip with experiment.json, messages.json and asset files', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'comet-offline-'));
    const experiment = await start({
      offline: true,
      offlineDirectory: directory,
      workspace: 'ws',
      projectName: 'proj',
      experimentKey: key,
      tags: ['t1'],
      environment: environment(),
    });
    experiment.logMetric('loss', 0.5, { step: 1, epoch: 2 });
    experiment.logParameter('layers', [1, 2]);
    experiment.setName('named');
    experiment.logHtml('<b>x</b>');
    experiment.logHtml('<i>y</i>', { clear: true });
    experiment.logAsset(Buffer.from('bytes!'), { fileName: 'notes.txt' });
    const result = await experiment.end({ error: new Error('failed') });
    expect(result.archivePath).toBe(join(directory, `${key}.zip`));
    const archive = readOfflineArchive(result.archivePath!);
    expect(archive.experiment).toMatchObject({
      offline_id: key,
      workspace: 'ws',
      project_name: 'proj',
      tags: ['t1'],
      resume_strategy: 'get_or_create',
      customer_error_reported: true,
      customer_error_message: 'Error: failed',
    });
    expect(archive.messages.map((message) => message.type)).toEqual([
      'metric_msg',
      'parameter_msg',
      'log_other',
      'html',
      'htmlOverride',
      'file_upload',
    ]);
    expect(archive.messages[0]!.payload).toMatchObject({
      metric: { metricName: 'loss', metricValue: 0.5, step: 1, epoch: 2 },
    });
    expect(archive.messages[1]!.payload).toMatchObject({
      params: { paramName: 'layers', paramValue: [1, 2] },
    });
    const upload = archive.messages[5]!.payload as {
      file_path: string;
      additional_params: { fileName: string };
    };
    expect(upload.additional_params.fileName).toBe('notes.txt');
    expect(archive.files.get(upload.file_path)!.toString()).toBe('bytes!');
  });
});
