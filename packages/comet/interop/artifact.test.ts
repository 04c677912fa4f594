import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oraclePython, runOracle } from '../../../test-support/oracle-python';
import { Artifact, start } from '../src/index';
import { CometTestServer } from '../src/testing/index';
import { interopApiKey, pythonCometEnvironment } from './python-comet-environment';

let server: CometTestServer;
beforeAll(async () => {
  server = await CometTestServer.start({ apiKey: interopApiKey });
});
afterAll(async () => server?.close());

const artifactRoutes = /artifacts|asset\/upload/;

/** The (method, route) pairs of the artifact calls one experiment made, as a sorted set. */
function artifactRouteKinds(experimentKey: string): string[] {
  const kinds = new Set<string>();
  for (const request of server.requests) {
    const key =
      request.query.experimentId ??
      request.query.experimentKey ??
      (request.body as { experimentKey?: string } | undefined)?.experimentKey;
    const versionOfExperiment =
      request.route === 'artifacts/version' &&
      [...server.artifacts.values()].some((artifact) =>
        artifact.versions.some(
          (version) =>
            version.artifactVersionId === request.query.versionId && version.experimentKey === experimentKey,
        ),
      );
    if (artifactRoutes.test(request.route) && (key === experimentKey || versionOfExperiment))
      kinds.add(
        `${request.method} ${request.route}${request.query.artifactVersionId === undefined ? '' : ' (artifact file)'}`,
      );
  }
  return [...kinds].sort();
}

describe('Comet artifacts: the real comet_ml and our client against the test server', () => {
  it('comet_ml logs an artifact version against the server, and ours sends the same kinds of requests', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'comet-artifact-interop-'));
    writeFileSync(join(directory, 'train.csv'), 'x,y\n1,2\n');
    const pythonKey = 'pythonartifact000000000000000001';
    const script = `
import comet_ml
experiment = comet_ml.start(experiment_key="${pythonKey}")
artifact = comet_ml.Artifact("interop-data", "dataset", metadata={"rows": 1}, aliases=["latest"], version_tags=["flyte"])
artifact.add(${JSON.stringify(join(directory, 'train.csv'))}, logical_path="data/train.csv", metadata={"split": "train"})
logged = experiment.log_artifact(artifact)
print("VERSION", logged.version)
experiment.end()
`;
    const result = await runOracle(oraclePython(), ['-c', script], { env: pythonCometEnvironment(server) });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('VERSION 1.0.0');
    const artifact = server.artifact('interop-data')!;
    expect(artifact).toMatchObject({ type: 'dataset', workspace: 'interop-ws' });
    expect(artifact.versions[0]).toMatchObject({
      version: '1.0.0',
      state: 'CLOSED',
      aliases: ['latest'],
      versionTags: ['flyte'],
      metadata: '{"rows":1}',
    });
    expect(artifact.versions[0]!.files.map((file) => [file.logicalPath, file.bytes.toString()])).toEqual([
      ['data/train.csv', 'x,y\n1,2\n'],
    ]);
    expect(server.requests.filter((request) => request.unknownRoute).map((request) => request.path)).toEqual(
      [],
    );

    const ourKey = 'oursartifact00000000000000000001';
    const experiment = await start({
      apiKey: interopApiKey,
      urlOverride: server.clientlibUrl,
      workspace: 'interop-ws',
      projectName: 'interop-project',
      experimentKey: ourKey,
      environment: { HOME: directory },
      transport: { handleProcessExit: false },
    });
    const ours = await experiment.logArtifact(
      new Artifact({
        name: 'interop-data',
        type: 'dataset',
        metadata: { rows: 1 },
        aliases: ['latest'],
        versionTags: ['flyte'],
      }).add(join(directory, 'train.csv'), { logicalPath: 'data/train.csv', metadata: { split: 'train' } }),
    );
    await experiment.end();
    expect(ours.version).toBe('2.0.0');
    expect(artifact.versions[1]).toMatchObject({ version: '2.0.0', state: 'CLOSED', experimentKey: ourKey });
    expect(
      artifact.versions[1]!.files.map((file) => [file.logicalPath, file.bytes.toString(), file.metadata]),
    ).toEqual([['data/train.csv', 'x,y\n1,2\n', { split: 'train' }]]);
    // Ours sends no artifact route the SDK does not; the SDK also reads the version back
    // (GET artifacts/version) for its LoggedArtifact, which ours takes from the upsert answer.
    const sdkKinds = artifactRouteKinds(pythonKey);
    const ourKinds = artifactRouteKinds(ourKey);
    expect(ourKinds.filter((kind) => !sdkKinds.includes(kind))).toEqual([]);
    expect(sdkKinds.filter((kind) => !ourKinds.includes(kind))).toEqual(['GET artifacts/version']);
  });
});
