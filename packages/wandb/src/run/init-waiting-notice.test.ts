import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setLogSink } from '@tasklens/core/plugin';
import { pollUntil, startHoldingServer } from '@tasklens/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { init } from './init-run';

let previousSink: ReturnType<typeof setLogSink> | undefined;
afterEach(() => {
  setLogSink(previousSink);
});

describe('online init() while the W&B server does not answer', () => {
  it('says once, on stderr, what it is waiting on and when it falls back, then continues offline', async () => {
    const lines: string[] = [];
    previousSink = setLogSink((_level, line) => lines.push(line));
    const server = await startHoldingServer();
    try {
      const starting = init({
        mode: 'online',
        project: 'proj',
        entity: 'ent',
        apiKey: 'wait'.repeat(10),
        baseUrl: server.url,
        dir: mkdtempSync(join(tmpdir(), 'wandb-waiting-')),
        requestTimeoutMs: 600_000,
        // Shorter than the 2 s before the line, so the first dropped connection ends the wait.
        initTimeoutMs: 1000,
        environment: {},
      });
      await pollUntil(
        'the waiting line',
        () => (lines.some((line) => line.includes('still waiting')) ? true : undefined),
        60_000,
      );
      server.release();
      const run = await starting;
      expect(run.mode).toBe('offline');
      await run.finish();
      expect(lines.filter((line) => line.includes('still waiting'))).toEqual([
        `[tasklens:wandb] INFO still waiting on ${server.host} (2 s)… will fall back to offline after 1 s`,
      ]);
      expect(lines.some((line) => line.includes('logging offline instead'))).toBe(true);
    } finally {
      await server.close();
    }
  }, 120_000);
});
