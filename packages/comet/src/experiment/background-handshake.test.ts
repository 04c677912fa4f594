import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { runInContext } from '@tasklens/core/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { remoteContext } from '../__fixtures__/remote-context';
import { cometMlLogin } from '../comet-ml-login';
import { readOfflineArchive } from '../offline/read-offline-archive';
import { resetLogin } from '../settings/login-session';
import { CometTestServer } from '../testing/index';
import { start } from './start-experiment';

const apiKey = 'background0handshake0key0123';
let server: CometTestServer | undefined;

afterEach(async () => {
  resetLogin();
  await server?.close();
  server = undefined;
});

const scratch = () => mkdtempSync(join(tmpdir(), 'comet-handshake-'));

describe('start() returns at once; the handshake runs in the background', () => {
  it('returns before Comet answered the handshake, queues the logs, and delivers them in order once it did', async () => {
    server = await CometTestServer.start({ apiKey });
    // The handshake is answered only after 15 s; start() must not wait for it. (A start() that
    // waited could not return before the server applied the handshake; 15 s keeps the check
    // clear of scheduler stalls on a loaded 2-core machine.)
    server.setFaults({ slowRate: 1, slowMs: 15_000, pathPattern: /logger\/add\/run/ });
    const key = 'd4'.repeat(16);
    const directory = scratch();
    const experiment = await start({
      apiKey,
      urlOverride: server.url,
      workspace: 'w',
      projectName: 'p',
      experimentKey: key,
      offlineDirectory: directory,
      environment: { HOME: directory },
      transport: { flushIntervalMs: 10, handleProcessExit: false },
    });
    expect(server.experiment(key)).toBeUndefined();
    expect(experiment.offline).toBe(false);
    expect(experiment.url).toBe(`${server.url}/w/p/${key}`);
    for (let step = 0; step < 10; step++) experiment.logMetric('loss', step, { step });
    await experiment.ready;
    const result = await experiment.end();
    expect(result.outcome).toBe('delivered');
    expect(server.experiment(key)!.metrics.map((metric) => metric.step)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
  }, 120_000);

  it('a refused key: ready rejects with InvalidOptionError(apiKey), and the logs are archived, not lost', async () => {
    server = await CometTestServer.start({ apiKey });
    const key = 'e5'.repeat(16);
    const directory = scratch();
    const experiment = await start({
      apiKey: 'wrong0key0000000000000000000',
      urlOverride: server.url,
      experimentKey: key,
      offlineDirectory: directory,
      environment: { HOME: directory },
      transport: { flushIntervalMs: 10, handleProcessExit: false },
    });
    experiment.logMetric('loss', 1, { step: 0 });
    const failure = await experiment.ready.catch((error: unknown) => error);
    expect(InvalidOptionError.isInstance(failure)).toBe(true);
    expect((failure as InvalidOptionError).option).toBe('apiKey');
    expect(experiment.url).toBeUndefined();
    const result = await experiment.end();
    expect(result.outcome).toBe('offline');
    const archive = readOfflineArchive(result.archivePath!);
    expect(archive.messages.map((message) => message.type)).toEqual(['metric_msg']);
    expect(server.experiment(key)).toBeUndefined();
  });

  it('waitForHandshake: start() itself rejects a refused key, as the SDK’s start() raises', async () => {
    server = await CometTestServer.start({ apiKey });
    const directory = scratch();
    const failure = await start({
      apiKey: 'wrong0key0000000000000000000',
      urlOverride: server.url,
      offlineDirectory: directory,
      environment: { HOME: directory },
      waitForHandshake: true,
      transport: { handleProcessExit: false },
    }).catch((error: unknown) => error);
    expect(InvalidOptionError.isInstance(failure)).toBe(true);
    expect((failure as InvalidOptionError).option).toBe('apiKey');
  });

  it('cometMlLogin fails the task with InvalidOptionError(apiKey) before the task body runs', async () => {
    server = await CometTestServer.start({ apiKey });
    let ran = false;
    const directory = scratch();
    const train = cometMlLogin({
      projectName: 'p',
      workspace: 'w',
      secret: () => 'wrong0key0000000000000000000',
      urlOverride: server.url,
      offlineDirectory: directory,
      transport: { handleProcessExit: false },
    })(async () => {
      ran = true;
    });
    const context = remoteContext(
      { HOSTNAME: 'ff59abade1e7f4758baf-n0-0', HOME: directory },
      undefined,
      'ff59abade1e7f4758baf',
    );
    const failure = await runInContext(context, () => train()).catch((error: unknown) => error);
    expect(InvalidOptionError.isInstance(failure)).toBe(true);
    expect((failure as InvalidOptionError).option).toBe('apiKey');
    expect(ran).toBe(false);
  });
});
