import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pollUntil } from '@tasklens/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { Artifact } from '../experiment/artifact';
import { start } from '../experiment/start-experiment';
import { readOfflineArchive } from '../offline/read-offline-archive';
import { CometTestServer } from '../testing/index';

const apiKey = 'artifact0outage0key0123456789';
let server: CometTestServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

const scratch = () => mkdtempSync(join(tmpdir(), 'comet-artifact-outage-'));

function twoFiles(): Artifact {
  return new Artifact({ name: 'mnist-subset', type: 'dataset' })
    .add(Buffer.from('x,y\n1,2\n'), { logicalPath: 'data/train.csv' })
    .add(Buffer.from('labels'), { logicalPath: 'labels.txt' });
}

/** Fault rolls (with `errorRate: 0.5`) for the routes the plan matches: the first `passing` requests pass, every later one fails. */
function passThenFail(passing: number): () => number {
  let calls = 0;
  return () => (calls++ < passing ? 0.99 : 0);
}

async function startExperiment(experimentKey: string) {
  const directory = scratch();
  return start({
    apiKey,
    urlOverride: server!.url,
    workspace: 'ws',
    projectName: 'p',
    experimentKey,
    offlineDirectory: directory,
    environment: { HOME: directory },
    transport: {
      flushIntervalMs: 10,
      // The transport gives up on the outage after 300 ms of failures and spills to the archive.
      offlineDeadlineMs: 300,
      retry: { initialDelayMs: 5, maxDelayMs: 20 },
      handleProcessExit: false,
    },
  });
}

/** The archive's `file_upload` names, in order (each file must appear exactly once). */
function archivedFiles(archivePath: string): string[] {
  return readOfflineArchive(archivePath)
    .messages.filter((message) => message.type === 'file_upload')
    .map((message) => (message.payload.additional_params as { fileName: string }).fileName);
}

describe('an outage in the middle of logArtifact', () => {
  it('marks the half version ERROR once Comet answers again, and archives every file exactly once', async () => {
    // The first file upload passes, then every upload fails until the transport gives up.
    server = await CometTestServer.start({ apiKey, random: passThenFail(1) });
    server.setFaults({ errorRate: 0.5, pathPattern: /^asset\/upload$/ });
    const experiment = await startExperiment('d4'.repeat(16));
    const logging = experiment.logArtifact(twoFiles());
    experiment.logMetric('after', 1);
    await pollUntil('the spill to the archive', () => experiment.offline || undefined, 60_000);
    server.setFaults({});
    const result = await experiment.end();
    const logged = await logging;

    expect(server.routed('write/artifacts/upsert')).toHaveLength(1);
    const [version] = server.artifact('mnist-subset')!.versions;
    expect(version!.state).toBe('ERROR');
    expect(version!.files.map((file) => file.logicalPath)).toEqual(['data/train.csv']);
    expect(logged).toMatchObject({ archived: true, version: undefined });
    expect(archivedFiles(result.archivePath!)).toEqual([
      'mnist-subset/data/train.csv',
      'mnist-subset/labels.txt',
    ]);
    expect(result.warnings.some((warning) => warning.includes('is marked ERROR on Comet'))).toBe(true);
  });

  it('says the half version stays OPEN when Comet is gone for good, and still archives every file once', async () => {
    server = await CometTestServer.start({ apiKey, random: passThenFail(1) });
    server.setFaults({ errorRate: 0.5, pathPattern: /^asset\/upload$/ });
    const experiment = await startExperiment('e5'.repeat(16));
    const logging = experiment.logArtifact(twoFiles());
    await pollUntil('the spill to the archive', () => experiment.offline || undefined, 60_000);
    server.goDown(Number.POSITIVE_INFINITY);
    const result = await experiment.end();
    await logging;

    expect(server.artifact('mnist-subset')!.versions.map((version) => version.state)).toEqual(['OPEN']);
    expect(archivedFiles(result.archivePath!)).toEqual([
      'mnist-subset/data/train.csv',
      'mnist-subset/labels.txt',
    ]);
    expect(result.warnings.some((warning) => warning.includes('stays OPEN on Comet'))).toBe(true);
  });

  it('closes a version that got every file and only missed CLOSED, without archiving its files again', async () => {
    server = await CometTestServer.start({ apiKey, random: passThenFail(0) });
    server.setFaults({ errorRate: 0.5, pathPattern: /^write\/artifacts\/state$/ });
    const experiment = await startExperiment('f6'.repeat(16));
    const logging = experiment.logArtifact(twoFiles());
    experiment.logMetric('after', 1);
    await pollUntil('the spill to the archive', () => experiment.offline || undefined, 60_000);
    server.setFaults({});
    const result = await experiment.end();
    const logged = await logging;

    const [version] = server.artifact('mnist-subset')!.versions;
    expect(version!.state).toBe('CLOSED');
    expect(version!.files.map((file) => file.logicalPath)).toEqual(['data/train.csv', 'labels.txt']);
    expect(logged).toMatchObject({
      archived: false,
      version: '1.0.0',
      artifactVersionId: version!.artifactVersionId,
    });
    expect(archivedFiles(result.archivePath!)).toEqual([]);
    const metrics = readOfflineArchive(result.archivePath!).messages.filter(
      (message) => message.type === 'metric_msg',
    );
    expect(metrics).toHaveLength(1);
  });
});
