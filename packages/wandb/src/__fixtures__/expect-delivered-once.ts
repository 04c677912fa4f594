import { expect } from 'vitest';
import { historyRows } from '../testing/recorded-run';
import type { FaultScenarioResult } from './fault-scenario';

/**
 * What a fault scenario must show when the service comes back: the task returned, the run was
 * delivered, the server holds every history row exactly once and in order (row i has `_step` i and
 * `metric_<checkedMetric>` = i × 10 + checkedMetric), no step conflicts, the run is complete with
 * exit code 0, and the server really injected 500s, 429s, dropped connections and an outage.
 */
export function expectDeliveredExactlyOnce(outcome: FaultScenarioResult, steps: number, checkedMetric: number): void {
  expect(outcome.returned).toBe('trained');
  expect(outcome.result.outcome).toBe('delivered');
  const recorded = outcome.server.run(outcome.runId)!;
  const rows = historyRows(recorded);
  expect(rows).toHaveLength(steps);
  rows.forEach((row, index) => {
    expect(row._step).toBe(index);
    expect(row[`metric_${checkedMetric}`]).toBe(index * 10 + checkedMetric);
  });
  expect(recorded.conflicts).toEqual([]);
  expect([recorded.complete, recorded.exitCode]).toEqual([true, 0]);
  const outcomes = new Set(outcome.server.requests.map((request) => request.outcome));
  for (const fault of ['error', 'rate-limit', 'drop', 'down'] as const) expect(outcomes).toContain(fault);
}
