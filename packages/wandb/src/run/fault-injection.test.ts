import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { expectDeliveredExactlyOnce } from '../__fixtures__/expect-delivered-once';
import { runFaultScenario } from '../__fixtures__/fault-scenario';
import { decodeWandbFile } from '../offline/decode-wandb-records';
import type { WandbTestServer } from '../testing';

// A bound, not a speed expectation: beside two CPU burners and the other files' workers these
// take 10-30 s on 2 cores, so a tight timeout would fail for load alone.
const generousTimeoutMs = 300_000;

const servers: WandbTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const faults = { errorRate: 0.3, rateLimitRate: 0.1, retryAfterSeconds: 0.05, dropRate: 0.1 };

describe('delivery under injected faults (fast version; the 10,000-step / 20 s outage one is in interop/)', () => {
  it(
    'delivers every history row exactly once and in order through 500s, 429s, dropped connections and an outage',
    async () => {
      const outcome = await runFaultScenario({
        steps: 1000,
        stepsPerTick: 5,
        tickMs: 10,
        faults,
        outageAfterMs: 300,
        outageSeconds: 1,
        flushIntervalMs: 10,
        retry: { initialDelayMs: 10, maxDelayMs: 200 },
      });
      servers.push(outcome.server);
      expectDeliveredExactlyOnce(outcome, 1000, 3);
    },
    generousTimeoutMs,
  );

  it(
    'ends complete in the offline directory when the service is gone for good',
    async () => {
      const outcome = await runFaultScenario({
        steps: 500,
        stepsPerTick: 50,
        tickMs: 10,
        faults: {},
        outageAfterMs: 20,
        outageSeconds: Number.POSITIVE_INFINITY,
        retry: { initialDelayMs: 10, maxDelayMs: 100 },
        offlineDeadlineMs: 300,
      });
      servers.push(outcome.server);
      expect(outcome.returned).toBe('trained');
      expect(outcome.result.outcome).toBe('spilled');
      expect(outcome.result.directory).toMatch(/offline-run-\d{8}_\d{6}-faults-500$/);
      expect(
        readdirSync(join(outcome.directory, 'wandb')).every((name) => name.startsWith('offline-run-')),
      ).toBe(true);
      const records = decodeWandbFile(readFileSync(join(outcome.result.directory!, 'run-faults-500.wandb')));
      const history = records.filter((record) => record.type === 'history');
      expect(history.map((record) => record.values._step)).toEqual(
        Array.from({ length: 500 }, (_, index) => index),
      );
      expect(records.some((record) => record.type === 'exit' && record.exitCode === 0)).toBe(true);
      expect(records.at(-1)?.type).toBe('final');
    },
    generousTimeoutMs,
  );
});
