import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ScaleTestServer } from '../testing/index';
import { OnlineScaleSink } from './online-scale-sink';
import { runDatabasePath } from './run-storage-directory';
import { ScaleApiClient } from './scale-api-client';
import type { ScaleOperation } from './scale-operation';

let server: ScaleTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const point = (step: number): ScaleOperation => ({
  kind: 'update',
  timestamp: 1_800_000_000_000 + step,
  step,
  assign: {},
  append: { loss: 1 / (step + 1) },
  addTags: {},
  removeTags: {},
});

describe('an online Scale run while its handshake retries', () => {
  it('keeps at most maxBacklogOperations in memory; the rest is sent from the run database once connected, in order, each once', async () => {
    server = await ScaleTestServer.start();
    const client = new ScaleApiClient(server.apiToken, 30_000);
    let answer: () => void = () => {};
    const handshake = new Promise<void>((resolve) => {
      answer = resolve;
    }).then(() => client.connect());
    const sink = new OnlineScaleSink({
      client,
      handshake,
      project: 'ws/proj',
      runId: 'backlog-1',
      databasePath: runDatabasePath(
        'ws/proj',
        'backlog-1',
        mkdtempSync(join(tmpdir(), 'neptune-scale-backlog-')),
      ),
      flushIntervalMs: 10,
      offlineDeadlineMs: 60_000,
      maxBacklogOperations: 50,
    });
    sink.write({
      kind: 'create',
      runId: 'backlog-1',
      experimentName: undefined,
      creationTime: 1_800_000_000_000,
    });
    for (let step = 0; step < 3000; step++) sink.write(point(step));
    // Memory holds the bound; everything is in the database.
    expect(sink.queuedEvents).toBe(50);
    answer();
    expect(await sink.ready).toBe(true);
    // Logged while the transport catches up from the database: they are read from there too.
    for (let step = 3000; step < 3500; step++) sink.write(point(step));
    const result = await sink.close();
    expect(result).toMatchObject({ outcome: 'delivered', deliveredOperations: 3501 });
    const recorded = server.runOf('ws/proj', 'backlog-1')!;
    expect(recorded.metrics.get('loss')!.map((value) => value.step)).toEqual([...Array(3500).keys()]);
    // Nothing was sent twice (the server would refuse a repeated step, so count what it refused).
    expect(recorded.refusedPoints).toBe(0);
  }, 120_000);
});
