import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeTrackerConformance } from '@tasklens/core/testing/conformance';
import { expect } from 'vitest';
import { oracleCommand } from '../../../test-support/oracle-python';
import { runProcess } from '../../../test-support/run-process';
import { wandbConformanceAdapter } from '../src/__fixtures__/wandb-conformance-adapter';
import { pythonWandbEnvironment } from './python-wandb-environment';

/**
 * The vendor-CLI halves of core's conformance suite: an offline run left by an outage or a
 * kill -9 is uploaded by the real `wandb sync` (oracle venv) to a fresh test server, which must
 * then hold every row.
 */
const adapter = wandbConformanceAdapter(async (runDirectory, server) => {
  const home = mkdtempSync(join(tmpdir(), 'wandb-conformance-sync-'));
  // The conformance servers accept any key; wandb sync still wants one of 40+ characters.
  const result = await runProcess(oracleCommand('wandb'), ['sync', runDirectory], {
    cwd: home,
    env: pythonWandbEnvironment(server.url, 'k'.repeat(40), home),
  });
  expect(result.code, result.stderr + result.stdout).toBe(0);
});

describeTrackerConformance(adapter, { cases: ['outage', 'kill-9'] });
