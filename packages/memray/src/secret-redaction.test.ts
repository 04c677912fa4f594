import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalContext, renderDeckHtml, runInContext, setLogSink } from '@tasklens/core/plugin';
import { afterEach, describe, expect, test } from 'vitest';
import { memrayProfiling } from './memray-profiling';

const sentinel = 'SENTINEL_memray_token_0123456789abcdef';
const argv = [...process.argv];

afterEach(() => {
  setLogSink(undefined);
  process.argv.splice(0, process.argv.length, ...argv);
});

describe('a secret the task reads never reaches what memray writes', () => {
  test('the command line, warnings, checkpoints, captures, reports and decks mask it', async () => {
    const lines: string[] = [];
    setLogSink((_level, line) => lines.push(line));
    const directory = mkdtempSync(join(tmpdir(), 'memray-secret-'));
    // A program started with the secret on its command line, as `node task.js --token=...`.
    process.argv.push(`--token=${sentinel}`);
    const context = createLocalContext({
      taskName: 'uses_secret',
      enableDeck: true,
      environment: { ...process.env, _FSEC_SERVICE_TOKEN: sentinel },
    });
    const seen: string[] = [];
    await runInContext(context, () =>
      memrayProfiling({ captureDirectory: directory, checkpointIntervalMs: 100 })(
        async function usesSecret() {
          const token = context.secrets.get({ group: 'service', key: 'token' });
          expect(token).toBe(sentinel);
          const held = Array.from({ length: 3000 }, (_, index) => `${token}-${index}`);
          // Held until a checkpoint was written (read while the task still runs); polled, with a
          // generous bound, because a loaded machine can delay the sidecar thread well past 100 ms.
          const deadline = Date.now() + 240_000;
          const read = () =>
            readdirSync(directory).map((name) => readFileSync(join(directory, name), 'latin1'));
          while (!read().some((text) => text.includes('"checkpoint"')) && Date.now() < deadline) {
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          seen.push(...read());
          return held.length;
        },
      )(),
    );
    const files = readdirSync(directory);
    expect(files.some((name) => name.endsWith('.memray.json'))).toBe(true);
    expect(files.some((name) => name.endsWith('.html'))).toBe(true);
    const capture = JSON.parse(
      readFileSync(join(directory, files.find((name) => name.endsWith('.memray.json'))!), 'utf8'),
    );
    expect(capture.metadata.command.at(-1)).toBe('--token=***');
    expect(seen.some((text) => text.includes('"checkpoint"'))).toBe(true);
    const everything = [
      ...seen,
      ...files.map((name) => readFileSync(join(directory, name), 'latin1')),
      renderDeckHtml(context.decks),
      ...lines,
    ];
    for (const text of everything) expect(text).not.toContain(sentinel);
  });
});
