import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { decideFault, type FaultPlan } from './fault-plan';
import { parseMultipartForm } from './multipart-form';
import type { RecordedArtifact } from './recorded-artifact';
import { newRecordedExperiment, type RecordedExperiment } from './recorded-experiment';
import type { RecordedRequest } from './recorded-request';
import { type CometRoute, routeRequest } from './route-request';

export interface CometTestServerOptions {
  /** Port; default 0 (ephemeral). Always binds 127.0.0.1. */
  port?: number;
  /** When set, requests carrying another API key (header or `apiKey` body field) get 401/403. */
  apiKey?: string;
  /** Faults to inject from the start; change later with `setFaults`. */
  faults?: FaultPlan;
  /** Random source for faults (use `seededRandom` for reproducible runs); default Math.random. */
  random?: () => number;
  /** Workspace reported when a request names none; default `test-workspace`. */
  defaultWorkspace?: string;
  /** Heartbeat interval the server asks clients for (`is_alive_beat_duration_millis`), in ms; default 10000. */
  heartbeatIntervalMs?: number;
  /** Stop by itself after this many ms so a forgotten server never hangs a test; default 600000. */
  lifetimeMs?: number;
}

/**
 * A local server speaking Comet's clientlib and REST v2 write routes well enough for the Python
 * `comet_ml` SDK, `comet upload` and our client to complete an experiment. It records every
 * request and every experiment, and injects faults (500s, 429 with Retry-After, dropped
 * connections, outages).
 */
export class CometTestServer {
  readonly requests: RecordedRequest[] = [];
  readonly experiments = new Map<string, RecordedExperiment>();
  /** Versioned artifacts by id (`write/artifacts/upsert`). */
  readonly artifacts = new Map<string, RecordedArtifact>();
  private readonly server: Server;
  private readonly options: CometTestServerOptions;
  private readonly sockets = new Set<Socket>();
  private faults: FaultPlan;
  private downUntil = 0;
  private lifetimeTimer: NodeJS.Timeout | undefined;
  private port = 0;

  private constructor(options: CometTestServerOptions) {
    this.options = options;
    this.faults = options.faults ?? {};
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
    this.server.keepAliveTimeout = 60_000;
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts a server on 127.0.0.1. */
  static async start(options: CometTestServerOptions = {}): Promise<CometTestServer> {
    const instance = new CometTestServer(options);
    await new Promise<void>((resolve, reject) => {
      instance.server.once('error', reject);
      instance.server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    instance.port = (instance.server.address() as AddressInfo).port;
    instance.lifetimeTimer = setTimeout(() => void instance.close(), options.lifetimeMs ?? 600_000);
    instance.lifetimeTimer.unref();
    return instance;
  }

  /** The server root, e.g. `http://127.0.0.1:5123` (our client's `urlOverride`). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The SDK's `COMET_URL_OVERRIDE` form, `<url>/clientlib/`. */
  get clientlibUrl(): string {
    return `${this.url}/clientlib/`;
  }

  /** The heartbeat interval the server asks for, in ms (Comet's default 10000). */
  get heartbeatIntervalMs(): number {
    return this.options.heartbeatIntervalMs ?? 10_000;
  }

  /** Replaces the fault plan. */
  setFaults(plan: FaultPlan): void {
    this.faults = plan;
  }

  /** Refuses every request (connection destroyed) for the next `seconds`. */
  goDown(seconds: number): void {
    this.downUntil = Date.now() + seconds * 1000;
    for (const socket of this.sockets) socket.destroy();
  }

  /** Ends an outage started with `goDown` (the service is back). */
  comeBack(): void {
    this.downUntil = 0;
  }

  /** The experiment with this key, if the server saw it. */
  experiment(key: string): RecordedExperiment | undefined {
    return this.experiments.get(key);
  }

  /** Requests that reached a route and were answered normally. */
  routed(route: string): RecordedRequest[] {
    return this.requests.filter((request) => request.route === route && request.outcome === 'ok');
  }

  async close(): Promise<void> {
    if (this.lifetimeTimer !== undefined) clearTimeout(this.lifetimeTimer);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The experiment for a key, created on first sight (so out-of-order writes still land). */
  experimentFor(key: string, workspace?: string | null, projectName?: string | null): RecordedExperiment {
    let experiment = this.experiments.get(key);
    if (experiment === undefined) {
      experiment = newRecordedExperiment(
        key,
        workspace ?? this.options.defaultWorkspace ?? 'test-workspace',
        projectName ?? 'general',
      );
      this.experiments.set(key, experiment);
    }
    return experiment;
  }

  /** The workspace of an experiment (artifacts belong to the logging experiment's workspace). */
  workspaceOf(experimentKey: string): string {
    return (
      this.experiments.get(experimentKey)?.workspace ?? this.options.defaultWorkspace ?? 'test-workspace'
    );
  }

  /** The artifact named `name`, if any version of it was logged. */
  artifact(name: string): RecordedArtifact | undefined {
    return [...this.artifacts.values()].find((artifact) => artifact.name === name);
  }

  /** A fresh 32-hex key, as the server generates for REST creates. */
  newKey(): string {
    return randomBytes(16).toString('hex');
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of request) chunks.push(chunk as Buffer);
    } catch {
      return;
    }
    let raw = Buffer.concat(chunks);
    try {
      if (request.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
    } catch {}
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    // The SDK reaches REST v2 both at `/api/rest/v2/…` and, for some writes, at `/clientlib/rest/v2/…`.
    const route = url.pathname
      .replace(/^\/(clientlib\/rest\/v2|clientlib|api\/rest\/v2)\//, '')
      .replace(/^\/+/, '');
    const contentType = request.headers['content-type'];
    let body: unknown;
    let form: ReturnType<typeof parseMultipartForm> | undefined;
    if (/multipart\/form-data/i.test(contentType ?? '')) {
      form = parseMultipartForm(raw, contentType);
      body = form.map((part) => part.name);
    } else {
      const text = raw.toString('utf8');
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      route,
      query: Object.fromEntries(url.searchParams),
      headers: request.headers,
      body,
      outcome: 'ok',
      unknownRoute: false,
    };
    this.requests.push(record);

    if (Date.now() < this.downUntil) {
      record.outcome = 'down';
      request.socket.destroy();
      return;
    }
    if (this.options.apiKey !== undefined && !this.authorized(request, body)) {
      record.outcome = 'unauthorized';
      this.json(response, 401, { msg: 'api key is not valid', sdk_error_code: 90212 });
      return;
    }
    const fault = decideFault(this.faults, route, this.options.random ?? Math.random);
    if (fault.kind === 'error') {
      record.outcome = 'error';
      this.json(response, 500, { msg: 'injected failure' });
      return;
    }
    if (fault.kind === 'rate-limit') {
      record.outcome = 'rate-limit';
      response.setHeader('Retry-After', String(fault.retryAfterSeconds));
      this.json(response, 429, { msg: 'rate limited' });
      return;
    }
    if (fault.kind === 'drop' && !fault.afterApplying) {
      record.outcome = 'drop';
      request.socket.destroy();
      return;
    }
    if (fault.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    const routeInput: CometRoute = { record, form, server: this };
    const answer = routeRequest(routeInput);
    if (fault.kind === 'drop') {
      record.outcome = 'drop';
      request.socket.destroy();
      return;
    }
    this.json(response, answer.status, answer.body);
  }

  private authorized(request: IncomingMessage, body: unknown): boolean {
    const expected = this.options.apiKey;
    const header = request.headers.authorization ?? request.headers['comet-sdk-api'];
    if (header === expected) return true;
    const fromBody = (body as { apiKey?: unknown } | undefined)?.apiKey;
    if (fromBody === expected) return true;
    // Unauthenticated probes the SDK makes before it has a key in hand.
    return header === undefined && fromBody === undefined && /health|isAlive|ping/i.test(request.url ?? '');
  }

  private json(response: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body ?? {});
    response.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
    });
    response.end(text);
  }
}
