import { afterEach, describe, expect, it } from 'vitest';
import { expectedOrder, metricOrder, runFaultScenario } from '../__fixtures__/fault-scenario';
import { readOfflineArchive } from '../offline/read-offline-archive';
import type { CometTestServer } from '../testing/comet-test-server';

const servers: CometTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('delivery under injected faults (fast version; the 10,000-step / 20 s outage one is in interop/)', () => {
  it('delivers every metric exactly once and in order through 500s, 429s, connections dropped before applying, and an outage', async () => {
    const outcome = await runFaultScenario({
      steps: 500,
      metricsPerStep: 10,
      stepsPerTick: 5,
      tickMs: 10,
      faults: {
        errorRate: 0.3,
        rateLimitRate: 0.1,
        retryAfterSeconds: 0.05,
        dropRate: 0.1,
        dropAfterApplyingShare: 0,
      },
      outageAfterMs: 300,
      outageSeconds: 1,
      retry: { initialDelayMs: 10, maxDelayMs: 200 },
      // Small batches make hundreds of requests, so every fault kind is drawn whatever the timing.
      maxBatchSize: 20,
    });
    servers.push(outcome.server);
    expect(outcome.result.outcome).toBe('delivered');
    const recorded = outcome.server.experiment(outcome.key)!;
    expect(metricOrder(recorded.metrics)).toEqual(expectedOrder(500, 10));
    expect(
      recorded.metrics.every(
        (metric) => metric.value === (metric.step ?? 0) * 10 + Number(metric.name.slice(7)),
      ),
    ).toBe(true);
    expect(recorded.parameters).toEqual([{ name: 'finished', value: true, step: 499 }]);
    const outcomes = new Set(outcome.server.requests.map((request) => request.outcome));
    for (const fault of ['error', 'rate-limit', 'drop', 'down'] as const) expect(outcomes).toContain(fault);
    const waits = outcome.server.requests.filter((request) => request.outcome === 'rate-limit');
    expect(waits.length).toBeGreaterThan(0);
  }, 60_000);

  it('resends only the unanswered request when a connection drops after the server applied it (Comet has no idempotency key)', async () => {
    const outcome = await runFaultScenario({
      steps: 200,
      metricsPerStep: 2,
      stepsPerTick: 10,
      tickMs: 10,
      faults: { dropRate: 0.2, dropAfterApplyingShare: 1 },
      outageAfterMs: 60_000,
      outageSeconds: 0,
      retry: { initialDelayMs: 10, maxDelayMs: 100 },
    });
    servers.push(outcome.server);
    expect(outcome.result.outcome).toBe('delivered');
    const recorded = outcome.server.experiment(outcome.key)!;
    // Every point arrives, in order; a retransmission repeats exactly the dropped request's points.
    const unique = [...new Set(metricOrder(recorded.metrics))];
    expect(unique).toEqual(expectedOrder(200, 2));
    const dropped = outcome.server.requests.filter(
      (request) => request.outcome === 'drop' && request.route === 'batch/logger/experiment/metric',
    );
    const droppedPoints = dropped.reduce(
      (total, request) => total + ((request.body as { values?: unknown[] }).values?.length ?? 0),
      0,
    );
    expect(recorded.metrics.length).toBe(400 + droppedPoints);
  }, 60_000);

  it('ends as a complete offline archive of the undelivered rest when the service is gone for good', async () => {
    const outcome = await runFaultScenario({
      steps: 300,
      metricsPerStep: 3,
      stepsPerTick: 30,
      tickMs: 10,
      faults: {},
      outageAfterMs: 30,
      outageSeconds: Number.POSITIVE_INFINITY,
      retry: { initialDelayMs: 10, maxDelayMs: 100 },
      offlineDeadlineMs: 300,
    });
    servers.push(outcome.server);
    expect(['spilled', 'offline']).toContain(outcome.result.outcome);
    const archive = readOfflineArchive(outcome.result.archivePath!);
    const online = metricOrder(outcome.server.experiment(outcome.key)!.metrics);
    const offline = archive.messages
      .filter((message) => message.type === 'metric_msg')
      .map((message) => {
        const metric = message.payload.metric as { metricName: string; step: number };
        return `${metric.step}:${metric.metricName}`;
      });
    expect([...online, ...offline]).toEqual(expectedOrder(300, 3));
    expect(archive.messages.at(-1)).toMatchObject({ type: 'parameter_msg' });
    expect(archive.experiment).toMatchObject({ offline_id: outcome.key, resume_strategy: 'get_or_create' });
  }, 60_000);
});
