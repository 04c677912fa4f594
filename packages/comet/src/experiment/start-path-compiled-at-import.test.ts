import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  measureCompilationWindow,
  unexpectedLazyCompiles,
} from '../../../../test-support/measure-compilation-window';
import { bundlePackage } from '../__fixtures__/bundle-package';

// What V8 11.3 (Node 20) cannot compile at import, so a first start() still compiles them: an
// exported function declaration (kept a declaration for the API report; each is a one-line
// forwarder to a parenthesized function) and a class constructor (V8 has no eager hint for it).
const compiledOnFirstCall = [
  'packages/comet/src/experiment/start-experiment.ts start',
  'packages/comet/src/offline/offline-sink.ts OfflineSink',
  'packages/comet/src/experiment/comet-experiment.ts CometExperiment',
  'packages/core/src/options/option-declaration.ts rejectUnknownOptions',
  'packages/core/src/tracking/tracker-registry.ts registerTrackerRun',
  'packages/core/src/context/context-storage.ts findCurrentContext',
];

const ours = /^packages\/(comet|core)\/src\//;

describe('the start path is compiled at import', () => {
  it('an offline start() compiles none of comet’s or core’s functions on their first call', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'comet-start-compiled-'));
    const bundle = bundlePackage(directory, true);
    const window = await measureCompilationWindow({
      directory,
      modules: [bundle],
      script: `const { start } = await import(${JSON.stringify(bundle)});
openMeasuredWindow();
const experiment = await start({ offline: true, workspace: 'w', projectName: 'p' });
closeMeasuredWindow();
await experiment.end();
`,
    });
    // The window did hold the start: its body ran there for the first time.
    expect(window.firstRun.map((run) => run.name)).toContainEqual(
      expect.stringMatching(/^startExperiment\d*$/),
    );
    const offenders = unexpectedLazyCompiles(window, ours, compiledOnFirstCall);
    // A function listed here lost its compile hint: parenthesize it again (see startExperiment).
    expect(offenders).toEqual([]);
  });
});
