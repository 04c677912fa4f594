import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ScaleTestServer } from '../testing/index';
import { createScaleRun } from './create-scale-run';

let server: ScaleTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 60_000) throw new Error('condition not met within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('online Scale run start-up (handshake in the background)', () => {
  it('is usable before the server answered: logs are stored at once and delivered once the server is back', async () => {
    server = await ScaleTestServer.start();
    server.goDown(Number.POSITIVE_INFINITY);
    const logDirectory = mkdtempSync(join(tmpdir(), 'neptune-scale-background-'));
    const run = await createScaleRun({
      project: 'ws/proj',
      runId: 'background-1',
      apiToken: server.apiToken,
      logDirectory,
      flushIntervalMs: 10,
      initTimeoutMs: 600_000,
      retry: { initialDelayMs: 20, maxDelayMs: 100 },
      environment: {},
    });
    // No request can have been answered: the server refuses every connection.
    expect(server.requests.filter((request) => request.outcome === 'ok')).toEqual([]);
    expect(run.url).toBe(`${server.url}/ws/proj/-/run/?customId=background-1`);
    for (let step = 0; step < 100; step++) run.logMetrics({ data: { loss: 1 / (step + 1) }, step });
    // Stored durably while the handshake is still retrying (what a kill at this point would leave).
    await until(() =>
      readdirSync(logDirectory).some((folder) =>
        existsSync(join(logDirectory, folder, 'run_operations.sqlite3')),
      ),
    );
    server.comeBack();
    const result = await run.close();
    expect(result.outcome).toBe('delivered');
    const recorded = server.runOf('ws/proj', 'background-1')!;
    expect(recorded.metrics.get('loss')!.map((point) => point.step)).toEqual([...Array(100).keys()]);
  }, 120_000);

  it('waitForHandshake: createScaleRun waits, and an unreachable server leaves the run offline without a page', async () => {
    server = await ScaleTestServer.start();
    const token = server.apiToken;
    await server.close();
    server = undefined;
    const run = await createScaleRun({
      project: 'ws/proj',
      runId: 'wait-1',
      apiToken: token,
      logDirectory: mkdtempSync(join(tmpdir(), 'neptune-scale-wait-')),
      initTimeoutMs: 300,
      waitForHandshake: true,
      environment: {},
    });
    expect(run.url).toBeUndefined();
    expect(run.offlineDatabasePath).toBeDefined();
    run.logMetrics({ data: { loss: 1 }, step: 0 });
    expect((await run.close()).outcome).toBe('offline');
  });

  it('a malformed API token is still an error at start, naming apiToken', async () => {
    await expect(
      createScaleRun({ project: 'ws/proj', apiToken: 'not-a-token', environment: {} }),
    ).rejects.toSatisfy((error) => error instanceof InvalidOptionError && error.option === 'apiToken');
  });
});
