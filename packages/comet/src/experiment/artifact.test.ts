import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { afterEach, describe, expect, it } from 'vitest';
import { readOfflineArchive } from '../offline/read-offline-archive';
import { CometTestServer, seededRandom } from '../testing/index';
import { Artifact } from './artifact';
import { start } from './start-experiment';

const apiKey = 'artifact0test0key0123456789';
let server: CometTestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const scratch = () => mkdtempSync(join(tmpdir(), 'comet-artifact-'));

function datasetArtifact(directory: string): Artifact {
  const path = join(directory, 'train.csv');
  writeFileSync(path, 'x,y\n1,2\n');
  return new Artifact({
    name: 'mnist-subset',
    type: 'dataset',
    metadata: { rows: 1 },
    aliases: ['latest'],
    versionTags: ['flyte'],
  })
    .add(path, { logicalPath: 'data/train.csv', metadata: { split: 'train' } })
    .add(Buffer.from('labels'), { logicalPath: 'labels.txt' });
}

describe('logArtifact: Comet versioned artifacts', () => {
  it('creates a version, uploads its files with the version id, closes it, and bumps the version next time', async () => {
    server = await CometTestServer.start({ apiKey });
    const directory = scratch();
    const experiment = await start({
      apiKey,
      urlOverride: server.url,
      workspace: 'ws',
      projectName: 'p',
      experimentKey: 'a1'.repeat(16),
      environment: { HOME: directory },
      transport: { flushIntervalMs: 10, handleProcessExit: false },
    });
    experiment.logMetric('before', 1);
    const first = await experiment.logArtifact(datasetArtifact(directory));
    const second = await experiment.logArtifact(
      new Artifact({ name: 'mnist-subset', type: 'dataset' }).add(Buffer.from('v2'), {
        logicalPath: 'labels.txt',
      }),
    );
    await experiment.end();
    expect(first).toMatchObject({
      name: 'mnist-subset',
      type: 'dataset',
      workspace: 'ws',
      version: '1.0.0',
      archived: false,
    });
    expect(second.version).toBe('2.0.0');
    const artifact = server.artifact('mnist-subset')!;
    expect(artifact).toMatchObject({ type: 'dataset', workspace: 'ws' });
    expect(artifact.versions.map((version) => [version.version, version.state])).toEqual([
      ['1.0.0', 'CLOSED'],
      ['2.0.0', 'CLOSED'],
    ]);
    const [version] = artifact.versions;
    expect(version).toMatchObject({
      artifactVersionId: first.artifactVersionId,
      aliases: ['latest'],
      versionTags: ['flyte'],
      metadata: '{"rows":1}',
      experimentKey: 'a1'.repeat(16),
    });
    expect(version!.files.map((file) => [file.logicalPath, file.bytes.toString(), file.metadata])).toEqual([
      ['data/train.csv', 'x,y\n1,2\n', { split: 'train' }],
      ['labels.txt', 'labels', null],
    ]);
    // Artifact files are not experiment assets.
    expect(server.experiment('a1'.repeat(16))!.assets).toEqual([]);
  });

  it('retries a failed upload without creating a second version or uploading a file twice', async () => {
    server = await CometTestServer.start({ apiKey, random: seededRandom(3) });
    const directory = scratch();
    const experiment = await start({
      apiKey,
      urlOverride: server.url,
      workspace: 'ws',
      experimentKey: 'b2'.repeat(16),
      environment: { HOME: directory },
      transport: {
        flushIntervalMs: 10,
        retry: { initialDelayMs: 5, maxDelayMs: 20 },
        handleProcessExit: false,
      },
    });
    // Half the file uploads and state changes fail with a 500 (seeded, reproducible).
    server.setFaults({ errorRate: 0.5, pathPattern: /asset\/upload|artifacts\/state/ });
    const logged = await experiment.logArtifact(datasetArtifact(directory));
    server.setFaults({});
    await experiment.end();
    expect(server.requests.filter((request) => request.outcome === 'error').length).toBeGreaterThan(0);
    expect(server.requests.filter((request) => request.route === 'write/artifacts/upsert')).toHaveLength(1);
    expect(logged.version).toBe('1.0.0');
    const [version] = server.artifact('mnist-subset')!.versions;
    expect(version!.state).toBe('CLOSED');
    expect(version!.files.map((file) => file.logicalPath)).toEqual(['data/train.csv', 'labels.txt']);
  });

  it('offline, archives the files as assets named after the artifact and says so', async () => {
    const directory = scratch();
    const experiment = await start({
      offline: true,
      offlineDirectory: directory,
      experimentKey: 'c3'.repeat(16),
      environment: { HOME: directory },
    });
    const logged = await experiment.logArtifact(datasetArtifact(directory));
    const result = await experiment.end();
    expect(logged).toMatchObject({ name: 'mnist-subset', version: undefined, archived: true });
    const archive = readOfflineArchive(result.archivePath!);
    const uploads = archive.messages.filter((message) => message.type === 'file_upload');
    expect(
      uploads.map((message) => [
        (message.payload.additional_params as { fileName: string }).fileName,
        message.payload.metadata,
      ]),
    ).toEqual([
      [
        'mnist-subset/data/train.csv',
        {
          split: 'train',
          artifactName: 'mnist-subset',
          artifactType: 'dataset',
          artifactLogicalPath: 'data/train.csv',
        },
      ],
      [
        'mnist-subset/labels.txt',
        { artifactName: 'mnist-subset', artifactType: 'dataset', artifactLogicalPath: 'labels.txt' },
      ],
    ]);
  });

  it('refuses bad artifacts with InvalidOptionError naming the option', () => {
    const optionOf = (action: () => unknown) => {
      try {
        action();
      } catch (error) {
        return InvalidOptionError.isInstance(error) ? error.option : `not typed: ${String(error)}`;
      }
      return 'no error';
    };
    expect(optionOf(() => new Artifact({ name: '', type: 'dataset' }))).toBe('Artifact.name');
    expect(optionOf(() => new Artifact({ name: 'a', type: ' ' }))).toBe('Artifact.type');
    expect(optionOf(() => new Artifact({ name: 'a', type: 't', version: 'v1' }))).toBe('Artifact.version');
    const artifact = new Artifact({ name: 'a', type: 't' });
    expect(optionOf(() => artifact.add(Buffer.from('x')))).toBe('Artifact.add.logicalPath');
    artifact.add(Buffer.from('x'), { logicalPath: 'x' });
    expect(optionOf(() => artifact.add(Buffer.from('y'), { logicalPath: 'x' }))).toBe(
      'Artifact.add.logicalPath',
    );
  });
});
