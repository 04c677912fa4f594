import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { currentContext, trackingMetadata } from '@tasklens/core';
import { ExecutionContext, runInContext } from '@tasklens/core/plugin';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { remoteContext } from './__fixtures__/remote-context';
import { cometMlLogin, trackerMetadataAttribute } from './comet-ml-login';
import { cometExperiment } from './experiment/current-experiment';
import { start } from './experiment/start-experiment';
import { resetLogin } from './settings/login-session';

const apiKey = 'offline0honesty0key0123456789';

afterEach(() => {
  resetLogin();
  vi.restoreAllMocks();
});

function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'comet-offline-honesty-'));
}

function deckContext(environment: Record<string, string>): ExecutionContext {
  const base = remoteContext(environment, undefined, 'ff59abade1e7f4758baf');
  // The same remote context with decks on, so the Tracking deck is rendered.
  return new ExecutionContext({
    mode: base.mode,
    executionId: base.executionId,
    taskId: base.taskId,
    nodeId: 'n0',
    retryAttempt: 0,
    environment,
    workingDirectory: '/tmp',
    sandboxDirectory: '/tmp',
    rawOutputPrefix: '/tmp/raw',
    enableDeck: true,
    taskName: 'train',
  });
}

describe('an offline experiment never shows a URL that does not exist', () => {
  it('start({ offline }) has no url, but an archive path and the comet upload command', async () => {
    const directory = scratch();
    const experiment = await start({
      offline: true,
      offlineDirectory: directory,
      experimentKey: 'a'.repeat(32),
      environment: { HOME: directory },
    });
    expect(experiment.url).toBeUndefined();
    expect(experiment.archivePath).toBe(join(directory, `${'a'.repeat(32)}.zip`));
    expect(experiment.uploadCommand).toBe(`comet upload ${experiment.archivePath}`);
    const result = await experiment.end();
    expect(result.url).toBeUndefined();
    expect(result.archivePath).toBe(experiment.archivePath);
  });

  it('an unreachable Comet at start makes an offline experiment without a url', async () => {
    const directory = scratch();
    const experiment = await start({
      apiKey,
      urlOverride: 'http://127.0.0.1:9',
      offlineDirectory: directory,
      handshakeDeadlineMs: 50,
      environment: { HOME: directory },
      transport: { retry: { initialDelayMs: 5, maxDelayMs: 10 }, handleProcessExit: false },
    });
    await experiment.ready;
    expect(experiment.offline).toBe(true);
    expect(experiment.url).toBeUndefined();
    expect(experiment.uploadCommand).toContain('comet upload ');
    await experiment.end();
  });

  it('cometMlLogin offline prints the archive and the upload command, no comet.com URL, in output, deck and metadata', async () => {
    const directory = scratch();
    const printed: string[] = [];
    const capture = (text: unknown) => {
      printed.push(String(text));
      return true;
    };
    vi.spyOn(process.stderr, 'write').mockImplementation(capture);
    vi.spyOn(process.stdout, 'write').mockImplementation((text) => {
      printed.push(String(text));
      return true;
    });
    const context = deckContext({ HOSTNAME: 'ff59abade1e7f4758baf-n0-0', HOME: directory });
    const train = cometMlLogin({
      projectName: 'flytekit',
      workspace: 'my-ws',
      secret: () => apiKey,
      offline: true,
      offlineDirectory: directory,
    })(async () => {
      cometExperiment().logMetric('loss', 0.5, { step: 1 });
      return {
        attribute: { ...currentContext().getAttribute<Record<string, unknown>>(trackerMetadataAttribute) },
        archive: cometExperiment().archivePath!,
      };
    });
    const { attribute, archive } = await runInContext(context, () => train());
    vi.restoreAllMocks();
    const output = printed.join('');
    expect(output).not.toMatch(/https?:\/\//);
    expect(output).toContain(`archive: ${archive}`);
    // Printed once, by the offline sink when the experiment ends.
    expect(output.split(`upload it with: comet upload ${archive}\n`)).toHaveLength(2);
    expect(attribute).toEqual({
      experiment_tracker_url: undefined,
      offline_path: archive,
      sync_command: `comet upload ${archive}`,
    });
    const deck = context.decks.find((item) => item.name === 'Tracking')!.html;
    expect(deck).not.toContain('comet.com');
    expect(deck).toContain(`comet upload ${archive}`);
    expect(trackingMetadata(context).experiment_tracker_url).toBeUndefined();
  });
});
