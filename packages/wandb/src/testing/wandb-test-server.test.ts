import { afterEach, describe, expect, it } from 'vitest';
import { WandbTestServer } from './wandb-test-server';

const servers: WandbTestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: Parameters<typeof WandbTestServer.start>[0] = {}) {
  const server = await WandbTestServer.start(options);
  servers.push(server);
  return server;
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });

describe('WandbTestServer', () => {
  it('binds 127.0.0.1 and answers Viewer, UpsertBucket and unknown routes (recorded)', async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const viewer = await (
      await post(`${server.url}/graphql`, { query: 'query Viewer { viewer { id } }' })
    ).json();
    expect(viewer.data.viewer.entity).toBe('test-entity');
    const upsert = await (
      await post(`${server.url}/graphql`, {
        operationName: 'UpsertBucket',
        query: '',
        variables: { name: 'r1' },
      })
    ).json();
    expect(upsert.data.upsertBucket.bucket).toMatchObject({
      name: 'r1',
      project: { name: 'uncategorized', entity: { name: 'test-entity' } },
    });
    expect(await (await post(`${server.url}/somewhere/new`, {})).json()).toEqual({});
    expect(server.requests.map((request) => [request.operationName, request.unknownRoute])).toEqual([
      ['Viewer', false],
      ['UpsertBucket', false],
      [undefined, true],
    ]);
  });

  it('places file_stream lines by offset and records completion', async () => {
    const server = await start();
    const url = `${server.url}/files/e/p/r/file_stream`;
    await post(url, {
      files: { 'wandb-history.jsonl': { offset: 0, content: ['{"_step":0}', '{"_step":1}'] } },
    });
    await post(url, {
      files: { 'wandb-history.jsonl': { offset: 1, content: ['{"_step":1}', '{"_step":2,"x":NaN}'] } },
    });
    await post(url, {
      files: { 'wandb-summary.json': { offset: 0, content: ['{"x":Infinity}'] } },
      complete: true,
      exitcode: 1,
    });
    const run = server.run('r')!;
    expect(run.files.get('wandb-history.jsonl')).toHaveLength(3);
    expect(run.conflicts).toEqual([]);
    expect(run.summary).toEqual({ x: Number.POSITIVE_INFINITY });
    expect([run.complete, run.exitCode]).toEqual([true, 1]);
  });

  it('rejects a wrong API key with 401', async () => {
    const server = await start({ apiKey: 'k'.repeat(40) });
    const wrong = `Basic ${Buffer.from(`api:${'w'.repeat(40)}`).toString('base64')}`;
    expect(
      (await post(`${server.url}/graphql`, { query: 'query Viewer {}' }, { authorization: wrong })).status,
    ).toBe(401);
  });

  it('injects 500s, 429 with Retry-After, dropped connections, slow answers and outages', async () => {
    const server = await start({ faults: { rateLimitRate: 1, retryAfterSeconds: 2 } });
    const limited = await post(`${server.url}/graphql`, {});
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '2']);
    server.setFaults({ errorRate: 1 });
    expect((await post(`${server.url}/graphql`, {})).status).toBe(500);
    server.setFaults({ dropRate: 1 });
    await expect(post(`${server.url}/graphql`, {})).rejects.toThrow();
    server.setFaults({ slowRate: 1, slowMs: 150 });
    const started = Date.now();
    expect((await post(`${server.url}/graphql`, {})).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    server.setFaults({});
    server.goDown(0.2);
    await expect(post(`${server.url}/graphql`, {})).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect((await post(`${server.url}/graphql`, {})).status).toBe(200);
  });
});
