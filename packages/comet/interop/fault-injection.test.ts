import { afterAll, describe, expect, it } from 'vitest';
import { oracleCommand, runOracle } from '../../../test-support/oracle-python';
import { expectedOrder, metricOrder, runFaultScenario } from '../src/__fixtures__/fault-scenario';
import { readOfflineArchive } from '../src/index';
import type { CometTestServer } from '../src/testing/index';
import { pythonCometEnvironment } from './python-comet-environment';

const servers: CometTestServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

describe('the full fault scenario (issue: 10,000 steps, 30% 500s, 429s, drops, a 20 s outage)', () => {
  it('delivers 10,000 steps of 10 metrics exactly once and in order', async () => {
    const outcome = await runFaultScenario({
      steps: 10_000,
      metricsPerStep: 10,
      stepsPerTick: 50,
      tickMs: 5,
      faults: {
        errorRate: 0.3,
        rateLimitRate: 0.05,
        retryAfterSeconds: 1,
        dropRate: 0.15,
        dropAfterApplyingShare: 0,
      },
      outageAfterMs: 500,
      outageSeconds: 20,
      flushIntervalMs: 200,
      retry: { initialDelayMs: 200, maxDelayMs: 5000 },
      // 100,000 points can all be waiting during the outage; core's default bound would spill them.
      maxQueuedEvents: 250_000,
      finishTimeoutMs: 280_000,
    });
    servers.push(outcome.server);
    expect(outcome.result.outcome).toBe('delivered');
    const recorded = outcome.server.experiment(outcome.key)!;
    expect(recorded.metrics).toHaveLength(100_000);
    expect(metricOrder(recorded.metrics)).toEqual(expectedOrder(10_000, 10));
    const outcomes = new Set(outcome.server.requests.map((request) => request.outcome));
    for (const fault of ['error', 'rate-limit', 'drop', 'down'] as const) expect(outcomes).toContain(fault);
  }, 300_000);

  it('with the service gone for good, ends as an archive that comet upload later delivers whole', async () => {
    const outcome = await runFaultScenario({
      steps: 2000,
      metricsPerStep: 5,
      stepsPerTick: 100,
      tickMs: 10,
      faults: { errorRate: 0.1 },
      outageAfterMs: 50,
      outageSeconds: Number.POSITIVE_INFINITY,
      retry: { initialDelayMs: 50, maxDelayMs: 500 },
      offlineDeadlineMs: 2000,
      apiKey: 'cometinteropkey0123456789',
    });
    servers.push(outcome.server);
    expect(['spilled', 'offline']).toContain(outcome.result.outcome);
    const archivePath = outcome.result.archivePath!;
    expect(readOfflineArchive(archivePath).experiment.offline_id).toBe(outcome.key);
    outcome.server.comeBack();
    outcome.server.setFaults({});
    const upload = await runOracle(oracleCommand('comet'), ['upload', archivePath], {
      env: pythonCometEnvironment(
        { clientlibUrl: outcome.server.clientlibUrl },
        { COMET_WORKSPACE: 'ws', COMET_PROJECT_NAME: 'faults' },
      ),
    });
    const log = `${upload.stdout}\n${upload.stderr}`;
    expect(upload.code, log).toBe(0);
    expect(log).not.toMatch(/schema|validat|COMET ERROR|Traceback/i);
    const recorded = outcome.server.experiment(outcome.key)!;
    expect(metricOrder(recorded.metrics)).toEqual(expectedOrder(2000, 5));
    expect(recorded.parameters.map((parameter) => parameter.name)).toContain('finished');
  }, 300_000);
});
