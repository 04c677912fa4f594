import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type CompilationWindow,
  measureCompilationWindow,
  unexpectedLazyCompiles,
} from '../../../../test-support/measure-compilation-window';
import { bundleForChild } from '../__fixtures__/bundle-for-child';
import { ScaleTestServer } from '../testing/index';

// What V8 11.3 (Node 20) cannot compile at import, so a fresh process's first createScaleRun()
// still compiles them on their first call:
// - exported function declarations, kept declarations for the API report: one-line forwarders to
//   a parenthesized function (createScaleRun, decodeApiToken, rejectUnknownOptions,
//   registerTrackerRun) or a one-line body (registerSecretValue); core's findCurrentContext is
//   called once at import instead;
// - class constructors and methods: V8 has no eager hint for them, `(class …)` included. The run
//   and the offline sink are therefore made without their constructors (newScaleRun,
//   newOfflineScaleSink: parenthesized functions defined in the classes' static blocks) and the
//   offline start calls none of their methods; only the async start's classes are left (below).
const compiledOnFirstCall = [
  'packages/neptune/src/scale/create-scale-run.ts createScaleRun',
  'packages/core/src/options/option-declaration.ts rejectUnknownOptions',
  'packages/core/src/tracking/tracker-registry.ts registerTrackerRun',
];

/** What only an async start compiles on first call besides those above. */
const compiledOnFirstCallWhenAsync = [
  'packages/neptune/src/legacy/api-token.ts decodeApiToken',
  'packages/core/src/secrets/secret-redactor.ts registerSecretValue',
  // Constructors.
  'packages/neptune/src/scale/online-scale-sink.ts OnlineScaleSink',
  'packages/neptune/src/scale/scale-api-client.ts ScaleApiClient',
  'packages/neptune/src/connecting-backlog.ts ConnectingBacklog',
  // Methods: the online sink takes the run's creation into its backlog and its store.
  'packages/neptune/src/scale/online-scale-sink.ts write',
  'packages/neptune/src/scale/offline-scale-sink.ts write',
  'packages/neptune/src/connecting-backlog.ts add',
];

const ours = /^packages\/(neptune|core)\/src\//;

let server: ScaleTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/**
 * Runs one createScaleRun() start with `options` in a fresh node, inside the measured window (the
 * bench's start: explicit options, no environment). The bundle is built from the sources, as every
 * child-process test here, so no `npm run build` is needed.
 */
async function measureStart(
  options: Record<string, unknown>,
  nodeModules: readonly string[] = [],
): Promise<CompilationWindow> {
  const directory = mkdtempSync(join(tmpdir(), 'neptune-start-compiled-'));
  const logDirectory = join(directory, 'runs');
  mkdirSync(logDirectory);
  const bundle = bundleForChild(directory, `export { createScaleRun } from '@tasklens/neptune';\n`, true);
  const given = { project: 'ws/proj', runId: 'compiled-1', logDirectory, environment: {}, ...options };
  return measureCompilationWindow({
    directory,
    modules: [bundle, ...nodeModules],
    script: `const { createScaleRun } = await import(${JSON.stringify(bundle)});
openMeasuredWindow();
const run = await createScaleRun(${JSON.stringify(given)});
closeMeasuredWindow();
const result = await run.close();
if (result.outcome !== ${JSON.stringify(options.mode === 'offline' ? 'offline' : 'delivered')}) throw new Error(result.outcome);
`,
  });
}

/**
 * neptune's and core's functions compiled on their first call inside the window, less those listed
 * above. One named here lost its compile hint or is new on the start path: parenthesize it (see
 * startScaleRun in create-scale-run.ts).
 */
function offenders(window: CompilationWindow, allowed: readonly string[] = compiledOnFirstCall): string[] {
  // The window did hold the start: its body ran there for the first time.
  expect(window.firstRun.map((run) => run.name)).toContainEqual(expect.stringMatching(/^startScaleRun\d*$/));
  return unexpectedLazyCompiles(window, ours, allowed);
}

// Node's timers and the async ids every immediate takes (compiled on a process's first setImmediate),
// and AsyncLocalStorage (core's context storage, compiled on its first read).
const nodeStartModules = [
  'node:timers',
  'node:internal/timers',
  'node:internal/async_hooks',
  'node:async_hooks',
];

describe('the Scale start path is compiled at import', () => {
  it('an offline createScaleRun() compiles none of neptune’s or core’s functions on their first call', async () => {
    const window = await measureStart({ mode: 'offline' });
    expect(offenders(window)).toEqual([]);
  }, 120_000);

  it('an offline createScaleRun() compiles none of Node’s setImmediate or AsyncLocalStorage internals (the imports used them first)', async () => {
    const window = await measureStart({ mode: 'offline' }, nodeStartModules);
    const node = window.compiledLazily.filter((compiled) => compiled.module.startsWith('node:'));
    expect(node.map((compiled) => `${compiled.module} ${compiled.name}`)).toEqual([]);
  }, 120_000);

  it('an async createScaleRun() (handshake on the next turn) compiles none of them on their first call', async () => {
    server = await ScaleTestServer.start();
    const window = await measureStart({ mode: 'async', apiToken: server.apiToken });
    expect(offenders(window, [...compiledOnFirstCall, ...compiledOnFirstCallWhenAsync])).toEqual([]);
  }, 120_000);
});
