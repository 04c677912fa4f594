import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../errors/api-call-error';
import { sendHttpRequest } from './http-request';
import { plainHttpCredentialWarning } from './plain-http-warning';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(
  handler: Parameters<typeof createServer>[1],
): Promise<{ url: string; methods: string[] }> {
  const methods: string[] = [];
  const server = createServer((request, response) => {
    methods.push(`${request.method} ${request.url}`);
    handler?.(request, response);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, methods };
}

describe('sendHttpRequest', () => {
  it('never follows a redirect (a 302 would turn the POST into a bodiless GET) and reports it as a failure', async () => {
    const { url, methods } = await serve((request, response) => {
      if (request.url === '/data') response.writeHead(302, { location: '/elsewhere' }).end();
      else response.writeHead(200).end('{}');
    });
    const error = await sendHttpRequest({ url: `${url}/data`, body: '{"rows":1}' }).catch((caught) => caught);
    expect(ApiCallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBe(302);
    expect(error.message).toMatch(/redirect \(to \/elsewhere\), which is not followed/);
    expect(methods).toEqual(['POST /data']);
  });

  it('reads only a bounded part of a huge body', async () => {
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    const { url } = await serve((request, response) => {
      response.writeHead(request.url === '/error' ? 500 : 200);
      let sent = 0;
      const pump = () => {
        while (sent < 512 && !response.destroyed) {
          sent++;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      response.on('error', () => undefined);
      pump();
    });
    const failed = await sendHttpRequest({ url: `${url}/error` }).catch((caught) => caught);
    expect(failed.statusCode).toBe(500);
    expect(failed.responseBody.length).toBeLessThanOrEqual(64 * 1024);
    const huge = await sendHttpRequest({ url: `${url}/ok`, maxResponseBytes: 4 * 1024 * 1024 }).catch(
      (caught) => caught,
    );
    expect(ApiCallError.isInstance(huge)).toBe(true);
    expect(huge.message).toMatch(/larger than 4194304 bytes/);
  });
});

describe('plainHttpCredentialWarning', () => {
  it('warns once per origin when credentials go over plain http to a non-loopback host, never naming the key', () => {
    const headers = { authorization: 'Basic c2VjcmV0LWtleQ==' };
    const first = plainHttpCredentialWarning('http://tracker.example.com:8080/graphql', headers);
    expect(first).toMatch(/http:\/\/tracker\.example\.com:8080 over plain http/);
    expect(first).not.toContain('c2VjcmV0');
    expect(plainHttpCredentialWarning('http://tracker.example.com:8080/files', headers)).toBeUndefined();
    expect(plainHttpCredentialWarning('https://secure.example.com/graphql', headers)).toBeUndefined();
    expect(plainHttpCredentialWarning('http://127.0.0.1:9/graphql', headers)).toBeUndefined();
    expect(plainHttpCredentialWarning('http://localhost:9/graphql', headers)).toBeUndefined();
    expect(plainHttpCredentialWarning('http://other.example.com/graphql', {})).toBeUndefined();
  });
});
