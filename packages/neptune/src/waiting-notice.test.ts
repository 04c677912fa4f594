import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setLogSink } from '@tasklens/core/plugin';
import { type HoldingServer, pollUntil, startHoldingServer } from '@tasklens/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeApiToken } from './legacy/api-token';
import { initRun } from './legacy/init-run';
import { createScaleRun } from './scale/create-scale-run';

let lines: string[] = [];
let previousSink: ReturnType<typeof setLogSink> | undefined;
let server: HoldingServer | undefined;
beforeEach(() => {
  lines = [];
  previousSink = setLogSink((_level, line) => lines.push(line));
});
afterEach(async () => {
  setLogSink(previousSink);
  await server?.close();
  server = undefined;
});

const waitingLines = () => lines.filter((line) => line.includes('still waiting'));

/** Waits for the line while the server holds the request, then lets the connection drop. */
async function waitForLineThenRelease(holding: HoldingServer): Promise<void> {
  await pollUntil('the waiting line', () => (waitingLines().length > 0 ? true : undefined), 60_000);
  holding.release();
}

describe('online starts while the Neptune server does not answer', () => {
  it('initRun says once what it is waiting on and when it falls back, then keeps the run offline', async () => {
    server = await startHoldingServer();
    const starting = initRun({
      project: 'ws/proj',
      apiToken: encodeApiToken(server.url, 'waiting-key'),
      dataDirectory: mkdtempSync(join(tmpdir(), 'neptune-waiting-')),
      requestTimeoutMs: 600_000,
      // Shorter than the 2 s before the line, so the first dropped connection ends the wait.
      initTimeoutMs: 1000,
      environment: {},
    });
    await waitForLineThenRelease(server);
    const run = await starting;
    expect(run.id).toMatch(/^offline\//);
    await run.stop();
    expect(waitingLines()).toEqual([
      `[tasklens:neptune] INFO still waiting on ${server.host} (2 s)… will fall back to offline after 1 s`,
    ]);
  }, 120_000);

  it('createScaleRun says once what it is waiting on and when it falls back, then keeps the run offline', async () => {
    server = await startHoldingServer();
    const starting = createScaleRun({
      project: 'ws/proj',
      runId: 'waiting-1',
      apiToken: encodeApiToken(server.url, 'waiting-key'),
      logDirectory: mkdtempSync(join(tmpdir(), 'neptune-scale-waiting-')),
      requestTimeoutMs: 600_000,
      initTimeoutMs: 1000,
      environment: {},
    });
    await waitForLineThenRelease(server);
    const run = await starting;
    await run.close();
    expect(waitingLines()).toEqual([
      `[tasklens:neptune] INFO still waiting on ${server.host} (2 s)… will fall back to offline after 1 s`,
    ]);
    expect(lines.some((line) => line.includes('keeping the run offline'))).toBe(true);
  }, 120_000);
});
