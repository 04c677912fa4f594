import { request as httpRequest } from 'node:http';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { pollUntil } from './conformance-child';
import { seededRandom } from './fault-plan';
import {
  TestServer,
  type TestServerExchange,
  type TestServerOptions,
  type TestServerRequest,
} from './test-server';

interface EchoRequest extends TestServerRequest {
  text: string;
}

/** The smallest provider: `/echo` stores the body and answers it; anything else is unknown. */
class EchoServer extends TestServer<EchoRequest> {
  readonly applied: string[] = [];

  static async start(options: TestServerOptions = {}): Promise<EchoServer> {
    const server = new EchoServer(options);
    await server.listen();
    return server;
  }

  protected async handle(exchange: TestServerExchange): Promise<void> {
    const record: EchoRequest = {
      method: exchange.method,
      path: exchange.path,
      outcome: 'ok',
      unknownRoute: false,
      text: exchange.body.toString('utf8'),
    };
    if (!this.admit(exchange, record)) return;
    await this.answerWithFaults(
      exchange,
      record,
      exchange.path,
      { error: { message: 'injected' }, rateLimit: { message: 'slow down' } },
      () => {
        if (exchange.path !== '/echo') {
          record.unknownRoute = true;
          return { status: 200, body: {} };
        }
        this.applied.push(record.text);
        return { status: 200, body: { echo: record.text } };
      },
    );
  }
}

const servers: EchoServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function start(options: TestServerOptions = {}): Promise<EchoServer> {
  const server = await EchoServer.start(options);
  servers.push(server);
  return server;
}

const post = (url: string, body: string, init: RequestInit = {}) =>
  fetch(url, { method: 'POST', body, ...init });

describe('TestServer', () => {
  it('binds 127.0.0.1, records every request and marks unknown routes', async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await post(`${server.url}/echo?x=1`, 'hello')).json()).toEqual({ echo: 'hello' });
    expect(await (await post(`${server.url}/elsewhere`, 'x')).json()).toEqual({});
    expect(server.requests).toEqual([
      { method: 'POST', path: '/echo', outcome: 'ok', unknownRoute: false, text: 'hello' },
      { method: 'POST', path: '/elsewhere', outcome: 'ok', unknownRoute: true, text: 'x' },
    ]);
  });

  it('hands the provider a gunzipped body', async () => {
    const server = await start();
    const response = await post(`${server.url}/echo`, '', {
      body: gzipSync('zipped'),
      headers: { 'content-encoding': 'gzip' },
    });
    expect(await response.json()).toEqual({ echo: 'zipped' });
  });

  it('injects a 500 with the vendor body and a 429 with Retry-After, applying neither', async () => {
    const server = await start({ faults: { errorRate: 1 } });
    const failed = await post(`${server.url}/echo`, 'a');
    expect([failed.status, await failed.json()]).toEqual([500, { message: 'injected' }]);
    server.setFaults({ rateLimitRate: 1, retryAfterSeconds: 7 });
    const limited = await post(`${server.url}/echo`, 'b');
    expect([limited.status, limited.headers.get('retry-after'), await limited.json()]).toEqual([
      429,
      '7',
      { message: 'slow down' },
    ]);
    expect(server.applied).toEqual([]);
    expect(server.requests.map((request) => request.outcome)).toEqual(['error', 'rate-limit']);
  });

  it('drops connections before applying (lost) and after applying (landed, unanswered)', async () => {
    const server = await start({ faults: { dropRate: 1, dropAfterApplyingShare: 0 } });
    await expect(post(`${server.url}/echo`, 'before')).rejects.toThrow();
    server.setFaults({ dropRate: 1, dropAfterApplyingShare: 1 });
    await expect(post(`${server.url}/echo`, 'after')).rejects.toThrow();
    expect(server.applied).toEqual(['after']);
    expect(server.requests.map((request) => request.outcome)).toEqual(['drop', 'drop']);
  });

  it('faults only paths matching the plan', async () => {
    const server = await start({ faults: { errorRate: 1, pathPattern: /^\/elsewhere$/ } });
    expect((await post(`${server.url}/echo`, 'a')).status).toBe(200);
    expect((await post(`${server.url}/elsewhere`, 'b')).status).toBe(500);
  });

  it('redirects to the same URL with its query, and answers the followed request normally', async () => {
    const server = await start({ faults: { redirectRate: 1, redirectStatus: 307 } });
    const redirected = await post(`${server.url}/echo?key=k`, 'a', { redirect: 'manual' });
    expect([redirected.status, redirected.headers.get('location')]).toEqual([
      307,
      '/echo?key=k&redirected=1',
    ]);
    expect(server.applied).toEqual([]);
    const followed = await post(`${server.url}/echo?key=k&redirected=1`, 'b');
    expect([followed.status, server.applied]).toEqual([200, ['b']]);
    expect(server.requests.map((request) => request.outcome)).toEqual(['redirect', 'ok']);
  });

  it('streams a huge 500 body of the planned size', async () => {
    const bytes = 3 * 1024 * 1024 + 5;
    const server = await start({ faults: { hugeBodyRate: 1, hugeBodyBytes: bytes } });
    const response = await post(`${server.url}/echo`, 'a');
    expect([response.status, response.headers.get('content-length')]).toEqual([500, String(bytes)]);
    expect((await response.arrayBuffer()).byteLength).toBe(bytes);
    expect(server.applied).toEqual([]);
  });

  it('refuses every request during an outage and answers again after comeBack', async () => {
    const server = await start();
    server.goDown(Number.POSITIVE_INFINITY);
    await expect(post(`${server.url}/echo`, 'a')).rejects.toThrow();
    server.comeBack();
    expect((await post(`${server.url}/echo`, 'b')).status).toBe(200);
    expect(server.requests.map((request) => request.outcome)).toEqual(['down', 'ok']);
    expect(server.applied).toEqual(['b']);
  });

  it('draws the same fault sequence from the same seed', async () => {
    const statuses = async () => {
      const server = await start({ faults: { errorRate: 0.5 }, random: seededRandom(3) });
      const seen: number[] = [];
      for (let index = 0; index < 8; index++) seen.push((await post(`${server.url}/echo`, 'x')).status);
      return seen;
    };
    const first = await statuses();
    expect(new Set(first)).toEqual(new Set([200, 500]));
    expect(await statuses()).toEqual(first);
  });

  it('stops by itself after its lifetime', async () => {
    const server = await start({ lifetimeMs: 50 });
    const refused = () =>
      new Promise<boolean>((resolve) => {
        const request = httpRequest(`${server.url}/echo`, { method: 'POST' }, () => resolve(false));
        request.on('error', () => resolve(true));
        request.end('x');
      });
    await pollUntil(
      'the server to stop by itself',
      async () => ((await refused()) ? true : undefined),
      30_000,
    );
  });
});
