import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExperimentResult } from '../experiment/comet-experiment';
import { start } from '../experiment/start-experiment';
import { CometTestServer } from '../testing/comet-test-server';
import { type FaultPlan, seededRandom } from '@tasklens/core/testing';

export interface FaultScenarioOptions {
  steps: number;
  /** Metrics per step (`metric_0` … `metric_{n-1}`, value `step * 10 + i`). */
  metricsPerStep: number;
  stepsPerTick: number;
  tickMs: number;
  faults: FaultPlan;
  /** When the outage starts, in ms after the first step. */
  outageAfterMs: number;
  /** Outage length in seconds; Infinity = the service never comes back during the run. */
  outageSeconds: number;
  flushIntervalMs?: number;
  retry: { initialDelayMs: number; maxDelayMs: number };
  offlineDeadlineMs?: number;
  /** The transport's queue bound; default core's 100000 events. */
  maxQueuedEvents?: number;
  /** Events per delivery; default the client's. */
  maxBatchSize?: number;
  /** Longest `end()` waits for delivery; default the offline deadline. */
  finishTimeoutMs?: number;
  apiKey?: string;
}

export interface FaultScenarioOutcome {
  server: CometTestServer;
  key: string;
  directory: string;
  result: ExperimentResult;
}

const defaultApiKey = 'fault0scenario0api0key0123';

/** Logs `steps` steps to a test server injecting faults and an outage, then ends the experiment. */
export async function runFaultScenario(options: FaultScenarioOptions): Promise<FaultScenarioOutcome> {
  const apiKey = options.apiKey ?? defaultApiKey;
  const server = await CometTestServer.start({ apiKey, random: seededRandom(42) });
  const directory = mkdtempSync(join(tmpdir(), 'comet-faults-'));
  const key = `faults${String(options.steps).padStart(26, '0')}`;
  const experiment = await start({
    apiKey,
    urlOverride: server.url,
    workspace: 'ws',
    projectName: 'faults',
    experimentKey: key,
    offlineDirectory: directory,
    environment: { HOME: directory },
    transport: {
      flushIntervalMs: options.flushIntervalMs ?? 20,
      retry: { ...options.retry, jitter: 0.1 },
      random: seededRandom(7),
      handleProcessExit: false,
      ...(options.offlineDeadlineMs === undefined ? {} : { offlineDeadlineMs: options.offlineDeadlineMs }),
      ...(options.maxQueuedEvents === undefined ? {} : { maxQueuedEvents: options.maxQueuedEvents }),
      ...(options.maxBatchSize === undefined ? {} : { maxBatchSize: options.maxBatchSize }),
      ...(options.finishTimeoutMs === undefined ? {} : { finishTimeoutMs: options.finishTimeoutMs }),
    },
  });
  // Faults start after the handshake so the experiment exists online.
  server.setFaults({ ...options.faults, pathPattern: /metric|parameter|log-other|tags|output|upload/ });
  const startedAt = Date.now();
  let outageStarted = false;
  for (let step = 0; step < options.steps; step += options.stepsPerTick) {
    for (let offset = 0; offset < options.stepsPerTick && step + offset < options.steps; offset++) {
      const current = step + offset;
      const values: Record<string, number> = {};
      for (let index = 0; index < options.metricsPerStep; index++) values[`metric_${index}`] = current * 10 + index;
      experiment.logMetrics(values, { step: current });
    }
    if (!outageStarted && Date.now() - startedAt >= options.outageAfterMs) {
      outageStarted = true;
      server.goDown(options.outageSeconds);
    }
    await new Promise((resolve) => setTimeout(resolve, options.tickMs));
  }
  if (!outageStarted) server.goDown(options.outageSeconds);
  experiment.logParameter('finished', true);
  const result = await experiment.end();
  return { server, key, directory, result };
}

/** `(step, index)` pairs of the metric points in arrival order, for exactly-once/in-order checks. */
export function metricOrder(points: readonly { name: string; step: number | null }[]): string[] {
  return points.map((point) => `${point.step}:${point.name}`);
}

/** The expected `(step, index)` sequence for `steps` × `metricsPerStep`. */
export function expectedOrder(steps: number, metricsPerStep: number, from = 0): string[] {
  const order: string[] = [];
  for (let step = from; step < steps; step++) for (let index = 0; index < metricsPerStep; index++) order.push(`${step}:metric_${index}`);
  return order;
}
