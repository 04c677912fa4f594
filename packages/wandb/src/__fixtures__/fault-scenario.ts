import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wandbRun } from '../run/current-run';
import type { WandbRunResult } from '../run/wandb-run';
import { type FaultPlan, seededRandom } from '@tasklens/core/testing';
import { WandbTestServer } from '../testing/wandb-test-server';
import { wandbInit } from '../wandb-init';

export interface FaultScenario {
  steps: number;
  /** Steps logged per tick, and the pause between ticks (a training loop's pace). */
  stepsPerTick: number;
  tickMs: number;
  faults: FaultPlan;
  /** When (ms after start) the server goes down, and for how long (Infinity = for good). */
  outageAfterMs: number;
  outageSeconds: number;
  retry: { initialDelayMs: number; maxDelayMs: number };
  offlineDeadlineMs?: number;
  /** Batching delay of the client; default 200 ms. */
  flushIntervalMs?: number;
  seed?: number;
}

export interface FaultScenarioResult {
  server: WandbTestServer;
  runId: string;
  result: WandbRunResult;
  returned: string;
  maxQueuedEvents: number;
  heapGrowthBytes: number;
  directory: string;
}

/**
 * A task wrapped in `wandbInit` logging `steps` rows of 10 metrics against a faulty test server
 * with an outage in the middle. Shared by the fast unit test and the full interop version.
 */
export async function runFaultScenario(scenario: FaultScenario): Promise<FaultScenarioResult> {
  const server = await WandbTestServer.start({ faults: scenario.faults, random: seededRandom(scenario.seed ?? 7) });
  const directory = mkdtempSync(join(tmpdir(), 'wandb-faults-'));
  const runId = `faults-${scenario.steps}`;
  let result: WandbRunResult | undefined;
  let maxQueuedEvents = 0;
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const train = wandbInit({
    project: 'faults',
    entity: 'tasklens',
    secret: () => 'unused-locally',
    id: runId,
    dir: directory,
    retry: scenario.retry,
    offlineDeadlineMs: scenario.offlineDeadlineMs,
    initTimeoutMs: 60_000,
    flushIntervalMs: scenario.flushIntervalMs ?? 200,
    environment: { WANDB_API_KEY: 'f'.repeat(40), WANDB_BASE_URL: server.url },
  })(async () => {
    const run = wandbRun()!;
    const originalFinish = run.finish.bind(run);
    run.finish = async (options) => {
      result = await originalFinish(options);
      return result;
    };
    const started = Date.now();
    let outageStarted = false;
    for (let step = 0; step < scenario.steps; step++) {
      const metrics: Record<string, number> = {};
      for (let metric = 0; metric < 10; metric++) metrics[`metric_${metric}`] = step * 10 + metric;
      run.log(metrics);
      if ((step + 1) % scenario.stepsPerTick === 0) {
        maxQueuedEvents = Math.max(maxQueuedEvents, run.queuedEvents);
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
        if (!outageStarted && Date.now() - started >= scenario.outageAfterMs) {
          outageStarted = true;
          server.goDown(scenario.outageSeconds);
        }
        await new Promise((resolve) => setTimeout(resolve, scenario.tickMs));
      }
    }
    return 'trained';
  });
  const returned = await train();
  return {
    server,
    runId,
    result: result!,
    returned,
    maxQueuedEvents,
    heapGrowthBytes: heapPeak - heapBefore,
    directory,
  };
}
