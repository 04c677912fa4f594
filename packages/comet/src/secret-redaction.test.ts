import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInContext, setLogSink } from '@tasklens/core/plugin';
import { afterEach, describe, expect, it } from 'vitest';
import { remoteContext } from './__fixtures__/remote-context';
import { cometMlLogin } from './comet-ml-login';
import { cometExperiment } from './experiment/current-experiment';
import { resetLogin } from './settings/login-session';
import { CometTestServer } from './testing/index';

const sentinel = 'SENTINELcometKEY0000000000000042';
let server: CometTestServer | undefined;

afterEach(async () => {
  resetLogin();
  setLogSink(undefined);
  await server?.close();
  server = undefined;
});

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

const authenticatedRoutes = new Set([
  'logger/add/run',
  'status-report/update',
  'tags/add-tags-to-experiment',
]);

describe('the API key never leaks', () => {
  it('is absent from logs, errors, decks, output lines, request bodies after the handshake, and the offline archive', async () => {
    server = await CometTestServer.start({ apiKey: sentinel });
    const logs: string[] = [];
    setLogSink((_level, message) => logs.push(message));
    const directory = mkdtempSync(join(tmpdir(), 'comet-sentinel-'));
    const context = remoteContext(
      { HOSTNAME: 'ff59abade1e7f4758baf-n0-0', HOME: directory },
      undefined,
      'ff59abade1e7f4758baf',
    );
    const train = cometMlLogin({
      projectName: 'p',
      workspace: 'w',
      secret: () => sentinel,
      urlOverride: server.url,
      offlineDirectory: directory,
      autoOutputLogging: true,
      transport: {
        offlineDeadlineMs: 200,
        retry: { initialDelayMs: 10, maxDelayMs: 50 },
        flushIntervalMs: 10,
        handleProcessExit: false,
      },
    })(async () => {
      const experiment = cometExperiment();
      process.stdout.write(`the key is ${sentinel}\n`);
      experiment.logMetric('loss', 1, { step: 0 });
      await experiment.flush();
      server!.goDown(Number.POSITIVE_INFINITY);
      experiment.logMetric('loss', 2, { step: 1 });
      throw new Error(`failed with key ${sentinel}`);
    });
    const failure = await runInContext(context, () => train()).catch((error: unknown) => error as Error);
    // The user's own error is theirs to rethrow unchanged; everything we write is checked below.
    expect(failure.message).toContain('failed with key');
    const written = filesUnder(directory).filter((path) => !path.includes('oracle-home'));
    expect(written.some((path) => path.endsWith('.zip'))).toBe(true);
    for (const path of written) expect(readFileSync(path).includes(sentinel), path).toBe(false);
    for (const deck of context.decks) expect(deck.html).not.toContain(sentinel);
    expect(logs.join('\n')).not.toContain(sentinel);
    // The handshake and the heartbeat carry the key in their `apiKey` field (Comet's clientlib
    // authentication, as the SDK sends it); nothing else may carry it anywhere.
    for (const request of server.requests) {
      const body =
        authenticatedRoutes.has(request.route) && typeof request.body === 'object' && request.body !== null
          ? { ...(request.body as Record<string, unknown>), apiKey: '<authentication>' }
          : request.body;
      expect(JSON.stringify(body) + JSON.stringify(request.query)).not.toContain(sentinel);
    }
    const output = server
      .experiment('ff59abade1e7f4758bafn00a65f9d3ee8')!
      .output.map((line) => line.output)
      .join('');
    expect(output).toContain('the key is ');
    expect(output).not.toContain(sentinel);
  });
});
