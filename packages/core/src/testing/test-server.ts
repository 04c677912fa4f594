import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { decideFault, type FaultDecision, type FaultPlan } from './fault-plan';

/** What a test server did with a request: `ok`, an injected fault, or a refusal. */
export type TestServerOutcome =
  | 'ok'
  | 'error'
  | 'rate-limit'
  | 'drop'
  | 'down'
  | 'unauthorized'
  | 'not-found'
  | 'redirect'
  | 'huge-body';

/** What every test server records of a request; a provider's record adds its own fields. */
export interface TestServerRequest {
  method: string;
  /** Path without the query string, as sent (not decoded). */
  path: string;
  /** What the server did: `ok`, or the injected fault or refusal. */
  outcome: TestServerOutcome;
  /** True for routes the fake does not know (answered 200 so new SDK calls are discovered). */
  unknownRoute: boolean;
}

/** Options every test server takes. */
export interface TestServerOptions {
  /** Port; default 0 (ephemeral). Always binds 127.0.0.1. */
  port?: number | undefined;
  /** Faults to inject from the start; change later with `setFaults`; default none. */
  faults?: FaultPlan | undefined;
  /** Random source for faults (use `seededRandom` for reproducible runs); default `Math.random`. */
  random?: (() => number) | undefined;
  /** Stop by itself after this many ms so a forgotten server never hangs a test; default 600000. */
  lifetimeMs?: number | undefined;
}

/** A provider's answer to one request. */
export interface TestServerAnswer {
  status: number;
  /** Sent as is when bytes (`Uint8Array`), JSON-encoded otherwise; `undefined` sends an empty body. */
  body: unknown;
  /** Extra response headers, lower-case names; `content-type` defaults to `application/json`. */
  headers?: Record<string, string> | undefined;
}

/** One request in flight, handed to the provider's `handle`. */
export interface TestServerExchange {
  request: IncomingMessage;
  response: ServerResponse;
  method: string;
  /** Path without the query string, as sent (not decoded). */
  path: string;
  query: URLSearchParams;
  /** The request body, gunzipped when sent with `content-encoding: gzip`. */
  body: Buffer;
}

/** The bodies a provider's API sends with an injected 500 and 429. */
export interface FaultBodies {
  error: unknown;
  rateLimit: unknown;
}

/** The query parameter marking a request that followed an injected redirect (answered normally). */
const redirectedParameter = 'redirected';

/**
 * The vendor-neutral part of a local test server: listens on 127.0.0.1 only, records every
 * request, injects the faults of a `FaultPlan` (500s, 429 + Retry-After, connections dropped
 * before or after the request is applied, slow answers, redirects, huge error bodies) and
 * outages, and stops by itself. A provider subclasses it with its vendor's routes: its `handle`
 * builds the request record, calls `admit`, and answers through `answerWithFaults` or `send`.
 */
export abstract class TestServer<Request extends TestServerRequest> {
  /** Every request received, in arrival order. */
  readonly requests: Request[] = [];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly serverOptions: TestServerOptions;
  private faults: FaultPlan;
  private downUntil = 0;
  private lifetimeTimer: NodeJS.Timeout | undefined;
  private port = 0;

  protected constructor(options: TestServerOptions) {
    this.serverOptions = options;
    this.faults = options.faults ?? {};
    this.server = createServer((request, response) => {
      void this.receive(request, response);
    });
    // Longer than Node's 5 s, so an SDK reusing an idle connection does not race its closing.
    this.server.keepAliveTimeout = 60_000;
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** The server root, e.g. `http://127.0.0.1:5123`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Replaces the fault plan. */
  setFaults(plan: FaultPlan): void {
    this.faults = plan;
  }

  /** Refuses every request (connection destroyed) for the next `seconds` (`Infinity`: for good). */
  goDown(seconds: number): void {
    this.downUntil = Date.now() + seconds * 1000;
    for (const socket of this.sockets) socket.destroy();
  }

  /** Ends an outage started with `goDown` (the service is back). */
  comeBack(): void {
    this.downUntil = 0;
  }

  /** Stops listening and drops every open connection. */
  async close(): Promise<void> {
    if (this.lifetimeTimer !== undefined) clearTimeout(this.lifetimeTimer);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Binds 127.0.0.1 and arms the lifetime timer; a subclass's static `start` calls it once. */
  protected async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.serverOptions.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.lifetimeTimer = setTimeout(() => void this.close(), this.serverOptions.lifetimeMs ?? 600_000);
    this.lifetimeTimer.unref();
  }

  /** Answers one request: the vendor's routes. */
  protected abstract handle(exchange: TestServerExchange): Promise<void> | void;

  /**
   * Records the request; during an outage destroys its connection (outcome `down`) and returns
   * false, so the caller stops there.
   */
  protected admit(exchange: TestServerExchange, record: Request): boolean {
    this.requests.push(record);
    if (Date.now() >= this.downUntil) return true;
    record.outcome = 'down';
    exchange.request.socket.destroy();
    return false;
  }

  /**
   * Draws a fault for the request (by `faultPath`, matched against the plan's `pathPattern`) and
   * either injects it or answers with `answer()`. A connection dropped "after applying" runs
   * `answer()` first, so the request lands but the client never hears it did. A request that
   * followed an injected redirect is answered normally.
   */
  protected async answerWithFaults(
    exchange: TestServerExchange,
    record: Request,
    faultPath: string,
    faultBodies: FaultBodies,
    answer: () => TestServerAnswer | Promise<TestServerAnswer>,
  ): Promise<void> {
    const { request, response } = exchange;
    const fault: FaultDecision =
      exchange.query.get(redirectedParameter) === '1'
        ? { kind: 'none' }
        : decideFault(this.faults, faultPath, this.serverOptions.random ?? Math.random);
    switch (fault.kind) {
      case 'error':
        record.outcome = 'error';
        this.send(response, { status: 500, body: faultBodies.error });
        return;
      case 'rate-limit':
        record.outcome = 'rate-limit';
        this.send(response, {
          status: 429,
          body: faultBodies.rateLimit,
          headers: { 'retry-after': String(fault.retryAfterSeconds) },
        });
        return;
      case 'redirect': {
        record.outcome = 'redirect';
        const query = new URLSearchParams(exchange.query);
        query.set(redirectedParameter, '1');
        response.writeHead(fault.status, { location: `${exchange.path}?${query}`, 'content-length': 0 });
        response.end();
        return;
      }
      case 'huge-body':
        record.outcome = 'huge-body';
        await streamHugeBody(response, fault.bytes);
        return;
      case 'drop':
        if (fault.afterApplying) break;
        record.outcome = 'drop';
        request.socket.destroy();
        return;
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        break;
      case 'none':
        break;
    }
    const result = await answer();
    if (fault.kind === 'drop') {
      record.outcome = 'drop';
      request.socket.destroy();
      return;
    }
    this.send(response, result);
  }

  /** Writes an answer with its `content-length`. */
  protected send(response: ServerResponse, answer: TestServerAnswer): void {
    const bytes =
      answer.body instanceof Uint8Array
        ? answer.body
        : Buffer.from(answer.body === undefined ? '' : JSON.stringify(answer.body));
    response.writeHead(answer.status, {
      'content-type': 'application/json',
      ...answer.headers,
      'content-length': bytes.byteLength,
    });
    response.end(bytes);
  }

  private async receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of request) chunks.push(chunk as Buffer);
    } catch {
      return; // The client went away mid-body.
    }
    let body = Buffer.concat(chunks);
    if (request.headers['content-encoding'] === 'gzip') {
      try {
        body = gunzipSync(body);
      } catch {
        // Not gzip after all: the provider sees the bytes as sent.
      }
    }
    const target = request.url ?? '/';
    const queryStart = target.indexOf('?');
    await this.handle({
      request,
      response,
      method: request.method ?? 'GET',
      path: queryStart < 0 ? target : target.slice(0, queryStart),
      query: new URLSearchParams(queryStart < 0 ? '' : target.slice(queryStart + 1)),
      body,
    });
  }
}

/** Streams `bytes` of `x` as an HTTP 500 body in 1 MiB chunks, stopping when the client goes away. */
async function streamHugeBody(response: ServerResponse, bytes: number): Promise<void> {
  response.writeHead(500, { 'content-type': 'text/plain', 'content-length': bytes });
  const chunk = Buffer.alloc(1024 * 1024, 'x');
  let sent = 0;
  while (sent < bytes && !response.destroyed) {
    const part = sent + chunk.length <= bytes ? chunk : chunk.subarray(0, bytes - sent);
    sent += part.length;
    if (!response.write(part)) {
      await new Promise<void>((resolve) => {
        response.once('drain', resolve);
        response.once('close', resolve);
      });
    }
  }
  response.end();
}
