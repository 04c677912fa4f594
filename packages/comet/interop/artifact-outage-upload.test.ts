import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pollUntil } from '@tasklens/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oracleCommand, runOracle } from '../../../test-support/oracle-python';
import { Artifact, start } from '../src/index';
import { CometTestServer } from '../src/testing/index';
import { interopApiKey, pythonCometEnvironment } from './python-comet-environment';

let server: CometTestServer;
let faultRolls = 0;
beforeAll(async () => {
  // With `errorRate: 0.5` on artifact file uploads: the first upload passes, every later one fails.
  server = await CometTestServer.start({
    apiKey: interopApiKey,
    random: () => (faultRolls++ < 1 ? 0.99 : 0),
  });
});
afterAll(async () => server?.close());

describe('an outage in the middle of logArtifact, then the real comet upload', () => {
  it('delivers every file of the interrupted artifact exactly once, and its half version is marked ERROR', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'comet-artifact-outage-'));
    const key = 'artifactoutage000000000000000001';
    server.setFaults({ errorRate: 0.5, pathPattern: /^asset\/upload$/ });
    const experiment = await start({
      apiKey: interopApiKey,
      urlOverride: server.url,
      workspace: 'interop-ws',
      projectName: 'interop-project',
      experimentKey: key,
      offlineDirectory: directory,
      environment: { HOME: directory },
      transport: {
        flushIntervalMs: 10,
        offlineDeadlineMs: 300,
        retry: { initialDelayMs: 5, maxDelayMs: 20 },
        handleProcessExit: false,
      },
    });
    const logging = experiment.logArtifact(
      new Artifact({ name: 'mnist-subset', type: 'dataset' })
        .add(Buffer.from('x,y\n1,2\n'), { logicalPath: 'data/train.csv' })
        .add(Buffer.from('labels'), { logicalPath: 'labels.txt' }),
    );
    experiment.logMetric('after', 1);
    await pollUntil('the spill to the archive', () => experiment.offline || undefined, 60_000);
    server.setFaults({});
    const result = await experiment.end();
    expect((await logging).archived).toBe(true);

    const upload = await runOracle(oracleCommand('comet'), ['upload', result.archivePath!], {
      env: pythonCometEnvironment(server),
    });
    const log = `${upload.stdout}\n${upload.stderr}`;
    expect(upload.code, log).toBe(0);
    expect(log).not.toMatch(/schema|validat|COMET ERROR|Traceback/i);
    const recorded = server.experiment(key)!;
    const assets = [...recorded.assets].sort((left, right) => left.fileName.localeCompare(right.fileName));
    expect(assets.map((asset) => [asset.fileName, asset.bytes.toString()])).toEqual([
      ['mnist-subset/data/train.csv', 'x,y\n1,2\n'],
      ['mnist-subset/labels.txt', 'labels'],
    ]);
    expect(recorded.metrics.filter((metric) => metric.name === 'after')).toHaveLength(1);
    const versions = server.artifact('mnist-subset')!.versions;
    expect(versions.map((version) => [version.state, version.files.length])).toEqual([['ERROR', 1]]);
  });
});
