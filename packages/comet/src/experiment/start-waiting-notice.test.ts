import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setLogSink } from '@tasklens/core/plugin';
import { pollUntil, startHoldingServer } from '@tasklens/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { resetLogin } from '../settings/login-session';
import { start } from './start-experiment';

let previousSink: ReturnType<typeof setLogSink> | undefined;
afterEach(() => {
  resetLogin();
  setLogSink(previousSink);
});

describe('online start() while Comet does not answer', () => {
  it('says once, on stderr, what the background handshake waits on and when it falls back, then continues offline', async () => {
    const lines: string[] = [];
    previousSink = setLogSink((_level, line) => lines.push(line));
    const server = await startHoldingServer();
    const offlineDirectory = mkdtempSync(join(tmpdir(), 'comet-waiting-'));
    try {
      const starting = start({
        apiKey: 'unit0test0api0key0123456789',
        urlOverride: `${server.url}/clientlib/`,
        workspace: 'ws',
        projectName: 'proj',
        offlineDirectory,
        // Shorter than the 2 s before the line, so the first dropped connection ends the wait.
        handshakeDeadlineMs: 1000,
        environment: { HOME: mkdtempSync(join(tmpdir(), 'comet-home-')) },
        transport: { handleProcessExit: false },
      });
      await pollUntil(
        'the waiting line',
        () => (lines.some((line) => line.includes('still waiting')) ? true : undefined),
        60_000,
      );
      server.release();
      const experiment = await starting;
      await experiment.end();
      expect(lines.filter((line) => line.includes('still waiting'))).toEqual([
        `[tasklens:comet] INFO still waiting on ${server.host} (2 s)… will fall back to offline after 1 s`,
      ]);
      expect(lines.some((line) => line.includes('continues offline'))).toBe(true);
    } finally {
      await server.close();
    }
  }, 120_000);
});
