import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oracleCommand, oraclePython, runOracle } from '../../../test-support/oracle-python';
import { Artifact, readOfflineArchive, start } from '../src/index';
import { CometTestServer, othersOf } from '../src/testing/index';
import { pythonCometEnvironment } from './python-comet-environment';

const apiKey = 'cometinteropkey0123456789';
let server: CometTestServer;
beforeAll(async () => {
  server = await CometTestServer.start({ apiKey });
});
afterAll(async () => server?.close());

describe('offline archives and the real comet upload', () => {
  it('comet upload delivers every metric, parameter, other, tag, html, output and asset of our archive, with our key', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'comet-ours-'));
    const key = 'ourarchive0000000000000000000001';
    const experiment = await start({
      offline: true,
      offlineDirectory: directory,
      workspace: 'interop-ws',
      projectName: 'interop-project',
      experimentKey: key,
      experimentName: 'from-typescript',
      tags: ['flyte', 'tasklens'],
      environment: { HOME: directory },
    });
    for (let step = 0; step < 20; step++)
      experiment.logMetrics({ loss: 1 / (step + 1), accuracy: step / 20 }, { step, epoch: 1 });
    experiment.logMetric('val_loss', 0.25, { step: 19, context: 'validation' });
    experiment.logParameters({ lr: 0.001, layers: 3, optimizer: 'adam', sizes: [64, 32], flag: true });
    experiment.logOther('dataset', 'mnist');
    experiment.addTag('third');
    experiment.logHtml('<p>first</p>');
    experiment.logOutput('hello from typescript\n');
    experiment.logAsset(Buffer.from('asset bytes'), { fileName: 'report.txt', step: 3 });
    // The archive format has no artifact message: an artifact's files travel as assets.
    const artifact = await experiment.logArtifact(
      new Artifact({ name: 'model', type: 'model' }).add(Buffer.from('weights'), {
        logicalPath: 'weights.bin',
      }),
    );
    expect(artifact.archived).toBe(true);
    const result = await experiment.end();
    expect(result.archivePath).toBe(join(directory, `${key}.zip`));

    const upload = await runOracle(oracleCommand('comet'), ['upload', result.archivePath!], {
      env: pythonCometEnvironment(server),
    });
    const log = `${upload.stdout}\n${upload.stderr}`;
    expect(upload.code, log).toBe(0);
    expect(log).not.toMatch(/schema|validat|COMET ERROR|Traceback/i);
    const recorded = server.experiment(key)!;
    expect(recorded, log).toBeDefined();
    expect(recorded.offline).toBe(true);
    expect(recorded).toMatchObject({ workspace: 'interop-ws', projectName: 'interop-project' });
    const losses = recorded.metrics.filter((metric) => metric.name === 'loss');
    expect(losses.map((metric) => metric.step)).toEqual([...Array(20).keys()]);
    expect(losses.map((metric) => metric.value)).toEqual([...Array(20).keys()].map((step) => 1 / (step + 1)));
    expect(recorded.metrics.filter((metric) => metric.name === 'accuracy')).toHaveLength(20);
    expect(recorded.metrics.find((metric) => metric.name === 'val_loss')).toMatchObject({
      value: 0.25,
      step: 19,
    });
    const parameters = Object.fromEntries(
      recorded.parameters.map((parameter) => [parameter.name, parameter.value]),
    );
    expect(parameters).toMatchObject({ lr: 0.001, layers: 3, optimizer: 'adam', flag: true });
    expect(parameters.sizes).toBeDefined();
    expect(othersOf(recorded)).toMatchObject({ Name: 'from-typescript', dataset: 'mnist' });
    expect(recorded.tags).toEqual(expect.arrayContaining(['flyte', 'tasklens', 'third']));
    expect(recorded.html.join('')).toContain('<p>first</p>');
    expect(recorded.output.map((line) => line.output).join('')).toContain('hello from typescript');
    // `comet upload` sends assets in parallel, so their order on the server is not fixed.
    const assets = [...recorded.assets].sort((left, right) => left.fileName.localeCompare(right.fileName));
    expect(assets.map((asset) => [asset.fileName, asset.bytes.toString()])).toEqual([
      ['model/weights.bin', 'weights'],
      ['report.txt', 'asset bytes'],
    ]);
    expect(assets[0]!.metadata).toMatchObject({ artifactName: 'model', artifactType: 'model' });
    expect(recorded.startTimeMillis).not.toBeNull();
    expect(recorded.endTimeMillis).not.toBeNull();
  });

  it('reads an archive the Python SDK wrote offline', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'comet-python-'));
    const key = 'pythonarchive0000000000000000001';
    const script = `
import comet_ml
e = comet_ml.start(online=False, experiment_key="${key}", project_name="proj", workspace="ws")
e.log_metric("loss", 0.5, step=1, epoch=2)
e.log_parameter("lr", 0.01)
e.log_other("dataset", "mnist")
e.add_tag("t1")
e.log_html("<b>x</b>")
e.log_asset_data("bytes!", name="notes.txt")
e.end()
`;
    const result = await runOracle(oraclePython(), ['-c', script], {
      env: pythonCometEnvironment(server, { COMET_OFFLINE_DIRECTORY: directory }),
    });
    expect(result.code, result.stderr).toBe(0);
    const zip = /comet upload (\S+\.zip)/.exec(`${result.stdout}\n${result.stderr}`)![1]!;
    const archive = readOfflineArchive(zip);
    expect(archive.experiment).toMatchObject({
      offline_id: key,
      workspace: 'ws',
      project_name: 'proj',
      tags: ['t1'],
    });
    const byType = (type: string) =>
      archive.messages.filter((message) => message.type === type).map((message) => message.payload);
    expect(byType('metric_msg')).toContainEqual(
      expect.objectContaining({ metric: { metricName: 'loss', metricValue: 0.5, step: 1, epoch: 2 } }),
    );
    expect(
      byType('parameter_msg').map((payload) => (payload.param as { paramName: string }).paramName),
    ).toContain('lr');
    expect(byType('log_other')).toContainEqual(expect.objectContaining({ key: 'dataset', value: 'mnist' }));
    expect(byType('html')).toContainEqual(expect.objectContaining({ html: '<b>x</b>' }));
    const upload = byType('file_upload')[0] as { file_path: string; additional_params: { fileName: string } };
    expect(upload.additional_params.fileName).toBe('notes.txt');
    expect(archive.files.get(upload.file_path)!.toString()).toBe('bytes!');
  });
});
