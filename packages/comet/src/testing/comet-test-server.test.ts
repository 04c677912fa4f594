import { seededRandom } from '@tasklens/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { CometTestServer } from './comet-test-server';

let server: CometTestServer | undefined;
afterEach(async () => server?.close());

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('CometTestServer', () => {
  it('creates an experiment with the caller key on the handshake and refuses a second create', async () => {
    server = await CometTestServer.start();
    const body = {
      apiKey: 'k',
      experimentKey: 'a'.repeat(32),
      projectName: 'p',
      teamName: 'w',
      offline: false,
    };
    const first = await post(`${server.clientlibUrl}logger/add/run`, body);
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ runId: expect.any(String), focusUrl: `${server.url}/w/p/` });
    expect((await post(`${server.clientlibUrl}logger/add/run`, body)).status).toBe(400);
    const again = await post(`${server.clientlibUrl}logger/add/run`, { ...body, getOrCreateEnabled: true });
    expect(again.status).toBe(200);
    expect(server.experiment('a'.repeat(32))).toMatchObject({
      workspace: 'w',
      projectName: 'p',
      creations: 2,
    });
  });

  it('records REST writes and multipart assets', async () => {
    server = await CometTestServer.start();
    const key = 'b'.repeat(32);
    await post(`${server.url}/api/rest/v2/write/experiment/log-other`, {
      experimentKey: key,
      key: 'Name',
      value: 'n',
    });
    const form = new FormData();
    form.append('file', new Blob(['hello']), 'report.txt');
    form.append('metadata', JSON.stringify({ kind: 'x' }));
    await fetch(
      `${server.url}/api/rest/v2/write/experiment/upload-asset?experimentKey=${key}&fileName=report.txt&type=asset&step=3`,
      {
        method: 'POST',
        body: form,
      },
    );
    const experiment = server.experiment(key)!;
    expect(experiment.others).toEqual([{ key: 'Name', value: 'n' }]);
    expect(experiment.assets).toMatchObject([{ fileName: 'report.txt', step: 3, metadata: { kind: 'x' } }]);
    expect(experiment.assets[0]!.bytes.toString()).toBe('hello');
  });

  it('injects 500s and 429s with Retry-After, reproducibly from a seed', async () => {
    server = await CometTestServer.start({
      faults: { errorRate: 0.5, rateLimitRate: 0.5, retryAfterSeconds: 7 },
      random: seededRandom(1),
    });
    const statuses: number[] = [];
    for (let index = 0; index < 6; index++) {
      const response = await post(`${server.url}/api/rest/v2/write/experiment/metric`, {
        experimentKey: 'c'.repeat(32),
      });
      statuses.push(response.status);
      if (response.status === 429) expect(response.headers.get('retry-after')).toBe('7');
    }
    expect(new Set(statuses)).toEqual(new Set([500, 429]));
    expect(server.experiment('c'.repeat(32))).toBeUndefined();
  });

  it('refuses requests with another API key when one is configured', async () => {
    server = await CometTestServer.start({ apiKey: 'right' });
    const response = await post(
      `${server.url}/api/rest/v2/write/experiment/tags`,
      { experimentKey: 'd'.repeat(32) },
      { Authorization: 'wrong' },
    );
    expect(response.status).toBe(401);
    expect(server.requests.at(-1)!.outcome).toBe('unauthorized');
  });
});
