import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { oracleCommand } from '../../../test-support/oracle-python';
import { runProcess } from '../../../test-support/run-process';
import { expectDeliveredExactlyOnce } from '../src/__fixtures__/expect-delivered-once';
import { runFaultScenario } from '../src/__fixtures__/fault-scenario';
import { historyRows, WandbTestServer } from '../src/testing/index';
import { pythonWandbEnvironment } from './python-wandb-environment';

const servers: WandbTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('10,000 steps through faults (full version)', () => {
  it('30% 500s, 429s with Retry-After, dropped connections and a 20-second outage: every row once, in order', async () => {
    const outcome = await runFaultScenario({
      steps: 10_000,
      stepsPerTick: 20,
      tickMs: 20,
      faults: { errorRate: 0.3, rateLimitRate: 0.1, retryAfterSeconds: 1, dropRate: 0.1 },
      outageAfterMs: 3000,
      outageSeconds: 20,
      retry: { initialDelayMs: 200, maxDelayMs: 3000 },
    });
    servers.push(outcome.server);
    expectDeliveredExactlyOnce(outcome, 10_000, 9);
    // Bounded memory: the queue never exceeds the rows logged, and the heap does not balloon.
    expect(outcome.maxQueuedEvents).toBeLessThanOrEqual(10_000);
    expect(outcome.heapGrowthBytes).toBeLessThan(96 * 1024 * 1024);
  }, 240_000);

  it('with the service gone for good the run ends complete offline, and a later `wandb sync` delivers all of it', async () => {
    const outcome = await runFaultScenario({
      steps: 10_000,
      stepsPerTick: 100,
      tickMs: 10,
      faults: {},
      outageAfterMs: 300,
      outageSeconds: Number.POSITIVE_INFINITY,
      retry: { initialDelayMs: 100, maxDelayMs: 1000 },
      offlineDeadlineMs: 3000,
    });
    servers.push(outcome.server);
    expect(outcome.returned).toBe('trained');
    expect(outcome.result.outcome).toBe('spilled');
    const apiKey = 's'.repeat(40);
    const later = await WandbTestServer.start({ apiKey });
    servers.push(later);
    const home = mkdtempSync(join(tmpdir(), 'wandb-sync-'));
    const sync = await runProcess(oracleCommand('wandb'), ['sync', outcome.result.directory!], {
      cwd: home,
      env: pythonWandbEnvironment(later.url, apiKey, home),
    });
    expect(sync.code, sync.stderr + sync.stdout).toBe(0);
    const recorded = later.run(outcome.runId)!;
    const rows = historyRows(recorded);
    expect(rows.map((row) => row._step)).toEqual(Array.from({ length: 10_000 }, (_, index) => index));
    expect(rows[1234]!.metric_4).toBe(12_344);
    expect(recorded.summary).toMatchObject({ _step: 9999, metric_0: 99_990 });
    expect([recorded.complete, recorded.exitCode]).toEqual([true, 0]);
  }, 240_000);
});
