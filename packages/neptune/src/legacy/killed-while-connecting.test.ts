import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bundleForChild } from '../__fixtures__/bundle-for-child';
import { LegacyTestServer } from '../testing/index';
import { listOfflineRuns, readOfflineRun } from './read-offline-run';

let server: LegacyTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('an online legacy run killed while it connects', () => {
  it('kill -9 during the handshake leaves a complete provisional offline run (nothing logged is lost, no queue)', async () => {
    server = await LegacyTestServer.start();
    // Every connection refused: the child's handshake keeps retrying until it is killed.
    server.goDown(Number.POSITIVE_INFINITY);
    const scratch = mkdtempSync(join(tmpdir(), 'neptune-killed-connecting-'));
    const options = {
      project: 'ws/proj',
      apiToken: server.apiToken,
      dataDirectory: scratch,
      initTimeoutMs: 600_000,
      retry: { initialDelayMs: 50, maxDelayMs: 200 },
      environment: {},
    };
    const script = `import { initRun } from '@tasklens/neptune';
const run = await initRun(${JSON.stringify(options)});
for (let step = 0; step < 500; step++) run.log('train/loss', step, { step });
// One turn later everything above is in the provisional run directory.
setImmediate(() => console.log('ready'));
setInterval(() => {}, 1000);
`;
    const child = spawn(process.execPath, [bundleForChild(scratch, script)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += String(chunk);
    });
    for (let waited = 0; !output.includes('ready'); waited += 20) {
      if (waited > 120_000 || child.exitCode !== null) throw new Error(`child did not start: ${output}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const neptune = join(scratch, '.neptune');
    expect(listOfflineRuns(neptune, 'async')).toEqual([]);
    const [provisional, ...others] = listOfflineRuns(neptune, 'offline');
    expect(others).toEqual([]);
    const stored = readOfflineRun(provisional!);
    expect(stored.metadata).toMatchObject({ mode: 'offline', containerType: 'run' });
    expect(stored.stopped).toBe(false);
    const steps = stored.operations
      .map(({ operation }) => operation)
      .filter((operation) => operation.type === 'LogFloats')
      .flatMap((operation) => operation.values.map((point) => point.step));
    expect(steps).toEqual([...Array(500).keys()]);
    // Versions 1..n without a gap: what `neptune sync` uploads as a new offline run.
    expect(stored.operations.map((entry) => entry.version)).toEqual(
      stored.operations.map((_, index) => index + 1),
    );
  }, 180_000);
});
