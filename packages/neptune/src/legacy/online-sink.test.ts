import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LegacyTestServer } from '../testing/index';
import { decodeApiToken } from './api-token';
import { LegacyApiClient } from './legacy-api-client';
import type { LegacyOperation } from './legacy-operation';
import { OnlineSink } from './online-sink';

let server: LegacyTestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const point = (step: number): LegacyOperation => ({
  type: 'LogFloats',
  path: ['train', 'loss'],
  values: [{ value: step, step, ts: 1_800_000_000 }],
});

describe('an online run while it connects', () => {
  it('keeps at most maxBacklogOperations in memory; the rest is read back from its log once the run exists, in order, each once', async () => {
    server = await LegacyTestServer.start();
    const client = new LegacyApiClient({
      token: server.apiToken,
      decoded: decodeApiToken(server.apiToken),
      requestTimeoutMs: 30_000,
    });
    let answer: (runId: string) => void = () => {};
    const sink = new OnlineSink({
      client,
      handshake: new Promise<string>((resolve) => {
        answer = resolve;
      }),
      dataDirectory: join(mkdtempSync(join(tmpdir(), 'neptune-backlog-')), '.neptune'),
      flushIntervalMs: 10,
      offlineDeadlineMs: 60_000,
      pingIntervalMs: 60_000,
      maxBacklogOperations: 50,
      maxBatchSize: 100,
    });
    for (let step = 0; step < 3000; step++) sink.write([point(step)]);
    // Memory holds the bound; everything is in the log on disk.
    expect(sink.queuedEvents).toBe(50);
    await client.connect();
    const project = await client.getProject('ws/proj');
    const created = await client.createRun(project.id, 'backlog');
    answer(created.id);
    expect(await sink.ready).toBe(true);
    // Logged while the transport catches up from the log: they are read from there too.
    for (let step = 3000; step < 3500; step++) sink.write([point(step)]);
    const result = await sink.close();
    expect(result).toMatchObject({ outcome: 'delivered', deliveredOperations: 3500 });
    const recorded = server.runOf({ customId: 'backlog' })!;
    expect(recorded.series.get('train/loss')!.map((value) => value.step)).toEqual([...Array(3500).keys()]);
    const sent = server.requests
      .filter((request) => request.operationId === 'executeOperations')
      .flatMap((request) => request.body as unknown[]);
    expect(sent).toHaveLength(3500);
  });
});
