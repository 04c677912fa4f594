import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A local HTTP server that answers nothing until told to, for tests of slow networks. */
export interface HoldingServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** `127.0.0.1:<port>`. */
  readonly host: string;
  /** Requests received so far (held or released). */
  readonly requestCount: number;
  /** Drops every held request's connection (the client sees "no answer") and every later one at once. */
  release(): void;
  close(): Promise<void>;
}

/**
 * Starts a server on 127.0.0.1 that holds every request open (no status, no body) until
 * `release()`, which resets those connections; requests after `release()` are reset at once.
 * A test waits for what the client prints while it waits, then releases — no timing involved.
 */
export async function startHoldingServer(): Promise<HoldingServer> {
  const held: ServerResponse[] = [];
  let released = false;
  let requestCount = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    requestCount++;
    request.resume();
    if (released) response.socket?.destroy();
    else held.push(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  // Stops by itself even if a test forgets close().
  server.unref();
  const { port } = server.address() as AddressInfo;
  const release = () => {
    released = true;
    for (const response of held.splice(0)) response.socket?.destroy();
  };
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    get requestCount() {
      return requestCount;
    },
    release,
    async close() {
      release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
