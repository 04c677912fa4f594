import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { oraclePython, runOracle } from '../../../test-support/oracle-python';
import { Artifact, start } from '../src/index';
import { CometTestServer } from '../src/testing/index';
import { interopApiKey, pythonCometEnvironment } from './python-comet-environment';

const servers: CometTestServer[] = [];
afterAll(async () => Promise.all(servers.map((server) => server.close())));

/** Every (method, route) a server saw; `/clientlib/rest/v2/x` and `/api/rest/v2/x` are one route kind. */
function routeKinds(server: CometTestServer): string[] {
  return [...new Set(server.requests.map((request) => `${request.method} ${request.route}`))].sort();
}

/**
 * SDK routes our client does not send, and why. Anything else the SDK sends and we do not (or the
 * other way round) fails the test, so a new SDK route or a stray one of ours is noticed.
 */
const skippedSdkRoutes = {
  // A server version probe and a health check before the handshake; our first request is the handshake itself.
  'GET isAlive/ver': 'version probe',
  'GET health/ping': 'health probe',
  // Limits for 3D point-cloud assets, which we do not log.
  'POST asset/3d-limits': '3D asset limits',
  // The SDK reads back the artifact version for its LoggedArtifact; ours takes the upsert answer.
  'GET artifacts/version': 'artifact read-back',
  // The SDK reads the experiment's metadata back when it ends, and sends its summary notification.
  'GET experiment/metadata': 'metadata read-back at end',
  'POST notification/experiment': 'end-of-run summary notification',
};

describe('the same calls through comet_ml and through our client', () => {
  it('send the same kinds of requests: none of ours that the SDK never sends; the SDK extras are the listed ones', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'comet-routes-'));
    const sdkServer = await CometTestServer.start({ apiKey: interopApiKey });
    const ourServer = await CometTestServer.start({ apiKey: interopApiKey });
    servers.push(sdkServer, ourServer);
    writeFileSync(join(directory, 'data.txt'), 'data');
    const script = `
import comet_ml
experiment = comet_ml.start(experiment_key="routes00000000000000000000000001")
experiment.log_metrics({"loss": 0.5, "accuracy": 0.9}, step=1, epoch=1)
experiment.log_parameters({"lr": 0.001, "optimizer": "adam"})
experiment.log_other("dataset", "mnist")
experiment.set_name("routes")
experiment.add_tags(["flyte", "tasklens"])
experiment.log_html("<p>hello</p>")
experiment.log_asset_data("asset bytes", name="notes.txt", step=1)
artifact = comet_ml.Artifact("routes-data", "dataset")
artifact.add(${JSON.stringify(join(directory, 'data.txt'))}, logical_path="data.txt")
experiment.log_artifact(artifact)
print("console line")
experiment.end()
`;
    const result = await runOracle(oraclePython(), ['-c', script], {
      env: pythonCometEnvironment(sdkServer),
    });
    expect(result.code, result.stderr).toBe(0);

    const experiment = await start({
      apiKey: interopApiKey,
      urlOverride: ourServer.clientlibUrl,
      workspace: 'interop-ws',
      projectName: 'interop-project',
      experimentKey: 'routes00000000000000000000000002',
      autoOutputLogging: true,
      environment: { HOME: directory },
      transport: { handleProcessExit: false },
    });
    experiment.logMetrics({ loss: 0.5, accuracy: 0.9 }, { step: 1, epoch: 1 });
    experiment.logParameters({ lr: 0.001, optimizer: 'adam' });
    experiment.logOther('dataset', 'mnist');
    experiment.setName('routes');
    experiment.addTags(['flyte', 'tasklens']);
    experiment.logHtml('<p>hello</p>');
    experiment.logAsset(Buffer.from('asset bytes'), { fileName: 'notes.txt', step: 1 });
    await experiment.logArtifact(
      new Artifact({ name: 'routes-data', type: 'dataset' }).add(join(directory, 'data.txt'), {
        logicalPath: 'data.txt',
      }),
    );
    process.stdout.write('console line\n');
    const ended = await experiment.end();
    expect(ended.outcome).toBe('delivered');

    const sdkKinds = routeKinds(sdkServer);
    const ourKinds = routeKinds(ourServer);
    expect(sdkServer.requests.filter((request) => request.unknownRoute)).toEqual([]);
    expect(ourKinds.filter((kind) => !sdkKinds.includes(kind))).toEqual([]);
    expect(sdkKinds.filter((kind) => !ourKinds.includes(kind))).toEqual(Object.keys(skippedSdkRoutes).sort());
    // Both experiments hold the same things.
    const sdkExperiment = sdkServer.experiment('routes00000000000000000000000001')!;
    const ourExperiment = ourServer.experiment('routes00000000000000000000000002')!;
    for (const recorded of [sdkExperiment, ourExperiment]) {
      expect(recorded.metrics.filter((metric) => metric.name === 'loss')).toMatchObject([
        { value: 0.5, step: 1, epoch: 1 },
      ]);
      expect(recorded.tags).toEqual(expect.arrayContaining(['flyte', 'tasklens']));
      expect(recorded.html).toEqual(['<p>hello</p>']);
      expect(recorded.assets.map((asset) => asset.fileName)).toEqual(['notes.txt']);
      expect(recorded.output.map((line) => line.output).join('')).toContain('console line');
      expect(recorded.endTimeMillis).not.toBeNull();
    }
    expect(ourServer.artifact('routes-data')!.versions[0]!.state).toBe('CLOSED');
    expect(sdkServer.artifact('routes-data')!.versions[0]!.state).toBe('CLOSED');
  });
});
