import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oraclePython, runOracle } from '../../../test-support/oracle-python';
import { CometTestServer, othersOf } from '../src/testing/index';
import { pythonCometEnvironment } from './python-comet-environment';

const apiKey = 'cometinteropkey0123456789';
const experimentKey = 'a423423423afasf4jiglfasj43210e99c96cc72';

let server: CometTestServer;
beforeAll(async () => {
  server = await CometTestServer.start({ apiKey });
});
afterAll(async () => server?.close());

describe('the test server is faithful to the real comet_ml SDK', () => {
  it('lets comet_ml complete start → log_metric/log_parameter/log_other/add_tag → end', async () => {
    const script = `
import comet_ml
experiment = comet_ml.start(experiment_key="${experimentKey}")
for step in range(3):
    experiment.log_metric("loss", 1.0 / (step + 1), step=step)
experiment.log_metric("accuracy", 0.9, step=2, epoch=1)
experiment.log_parameter("lr", 0.001)
experiment.log_parameters({"layers": 3, "optimizer": "adam"})
experiment.log_other("dataset", "mnist")
experiment.set_name("interop-run")
experiment.add_tag("flyte")
experiment.add_tags(["tasklens", "interop"])
experiment.log_html("<p>hello</p>")
experiment.log_asset_data("some bytes", name="notes.txt")
print("URL", experiment.url)
experiment.end()
`;
    const result = await runOracle(oraclePython(), ['-c', script], { env: pythonCometEnvironment(server) });
    expect(result.code, result.stderr).toBe(0);
    const experiment = server.experiment(experimentKey)!;
    expect(experiment).toBeDefined();
    expect(experiment.workspace).toBe('interop-ws');
    expect(experiment.projectName).toBe('interop-project');
    expect(
      experiment.metrics
        .filter((metric) => metric.name === 'loss')
        .map((metric) => [metric.value, metric.step]),
    ).toEqual([
      [1, 0],
      [0.5, 1],
      [1 / 3, 2],
    ]);
    expect(othersOf(experiment)).toMatchObject({ dataset: 'mnist', Name: 'interop-run' });
    expect(experiment.tags).toEqual(expect.arrayContaining(['flyte', 'tasklens', 'interop']));
    expect(experiment.metrics.find((metric) => metric.name === 'accuracy')).toMatchObject({
      value: 0.9,
      step: 2,
      epoch: 1,
    });
    const parameters = Object.fromEntries(
      experiment.parameters.map((parameter) => [parameter.name, parameter.value]),
    );
    expect(parameters).toMatchObject({ lr: 0.001, layers: 3, optimizer: 'adam' });
    expect(experiment.html).toEqual(['<p>hello</p>']);
    expect(experiment.assets.map((asset) => [asset.fileName, asset.bytes.toString()])).toEqual([
      ['notes.txt', 'some bytes'],
    ]);
    expect(experiment.output.map((line) => line.output).join('')).toContain('URL http://127.0.0.1');
    expect(experiment.heartbeats).toBeGreaterThan(0);
    expect(result.stdout).toContain(`URL ${server.url}/interop-ws/interop-project/${experimentKey}`);
    // Every route the SDK used is one the server knows, and the SDK saw no error answers.
    expect(server.requests.filter((request) => request.unknownRoute).map((request) => request.path)).toEqual(
      [],
    );
    expect(server.requests.every((request) => request.outcome === 'ok')).toBe(true);
    expect(result.stderr).not.toMatch(/COMET ERROR/);
  });
});
