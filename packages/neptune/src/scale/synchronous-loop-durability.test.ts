import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createScaleRun } from './create-scale-run';
import { OperationsDatabase, readableCopy } from './operations-database';

/**
 * Logs one point a millisecond until `milliseconds` have passed on the clock, never yielding (a
 * few hundred rows, so the test stays small however fast the machine is).
 */
function logWithoutYielding(
  run: Awaited<ReturnType<typeof createScaleRun>>,
  from: number,
  milliseconds: number,
) {
  const started = Date.now();
  let step = from;
  let now = started;
  while (now - started < milliseconds) {
    run.logMetrics({ data: { loss: 1 / (step + 1) }, step: step++ });
    const logged = now;
    while (now === logged) now = Date.now();
  }
  return step;
}

describe('a task that logs in a synchronous loop (the event loop never turns)', () => {
  it('still has its operations committed to run_operations.sqlite3 while it runs, as a kill needs', async () => {
    const logDirectory = mkdtempSync(join(tmpdir(), 'neptune-scale-sync-loop-'));
    const run = await createScaleRun({
      mode: 'offline',
      project: 'ws/proj',
      runId: 'loop-run',
      logDirectory,
      environment: {},
    });
    // Past the 100 ms bound twice over (the clock decides, not the speed of the machine): the first
    // write after it opens the database, a write 100 ms after that commits.
    const middle = logWithoutYielding(run, 0, 150);
    const last = logWithoutYielding(run, middle, 150);
    run.logMetrics({ data: { loss: 0 }, step: last });
    // Still in the same synchronous stretch: read what a kill -9 would leave (a copy of the file
    // and its journal; opening the copy rolls back any transaction not committed).
    const path = run.offlineDatabasePath as string;
    expect(existsSync(path)).toBe(true);
    const database = new OperationsDatabase(readableCopy(path));
    const stored = database.operations();
    database.close();
    expect(stored[0]?.operationType).toBe(1);
    // Everything logged in the first stretch was committed during the second one.
    expect(stored.length).toBeGreaterThanOrEqual(1 + middle);
    await run.close();
    // Generous: the first database open of a worker compiles SQLite's WebAssembly, slow under load.
  }, 60_000);
});
