import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { parseWandbJson } from '../json/parse-wandb-json';
import { decideFault, type FaultPlan } from './fault-plan';
import { newRecordedRun, type RecordedRun } from './recorded-run';

/** One request the server received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (or the raw text when not JSON). */
  body: unknown;
  /** GraphQL operation name, for `/graphql`. */
  operationName: string | undefined;
  /** What the server did: `ok`, or the injected fault. */
  outcome: 'ok' | 'error' | 'rate-limit' | 'drop' | 'down' | 'unauthorized' | 'redirect' | 'huge-body';
  /** True for routes the fake does not know (answered 200 `{}` so new SDK calls are discovered). */
  unknownRoute: boolean;
}

export interface WandbTestServerOptions {
  /** Port; default 0 (ephemeral). Always binds 127.0.0.1. */
  port?: number;
  /** When set, requests whose Basic auth password differs get HTTP 401. */
  apiKey?: string;
  /** Faults to inject from the start; change later with `setFaults`. */
  faults?: FaultPlan;
  /** Random source for faults (use `seededRandom` for reproducible runs); default Math.random. */
  random?: () => number;
  /** Entity the fake's `Viewer` reports and runs default to; default `test-entity`. */
  defaultEntity?: string;
  /** Stop by itself after this many ms so a forgotten server never hangs a test; default 600000. */
  lifetimeMs?: number;
}

/**
 * A local server that speaks W&B's GraphQL + file_stream protocol well enough for the Python SDK
 * and `wandb sync` to complete `init → log → finish`, records every request, and injects faults.
 */
export class WandbTestServer {
  readonly requests: RecordedRequest[] = [];
  readonly runs = new Map<string, RecordedRun>();
  private readonly server: Server;
  private readonly options: WandbTestServerOptions;
  private readonly sockets = new Set<Socket>();
  private faults: FaultPlan;
  private downUntil = 0;
  private lifetimeTimer: NodeJS.Timeout | undefined;
  private port = 0;

  private constructor(options: WandbTestServerOptions) {
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
  static async start(options: WandbTestServerOptions = {}): Promise<WandbTestServer> {
    const instance = new WandbTestServer(options);
    await new Promise<void>((resolve, reject) => {
      instance.server.once('error', reject);
      instance.server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    instance.port = (instance.server.address() as AddressInfo).port;
    instance.lifetimeTimer = setTimeout(() => void instance.close(), options.lifetimeMs ?? 600_000);
    instance.lifetimeTimer.unref();
    return instance;
  }

  /** Base URL to use as `WANDB_BASE_URL`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
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

  /** The run with this id (any entity/project), if the server saw it. */
  run(name: string): RecordedRun | undefined {
    for (const run of this.runs.values()) if (run.name === name) return run;
    return undefined;
  }

  /** GraphQL requests with the given operation name. */
  operations(operationName: string): RecordedRequest[] {
    return this.requests.filter(
      (request) => request.operationName === operationName && request.outcome === 'ok',
    );
  }

  async close(): Promise<void> {
    if (this.lifetimeTimer !== undefined) clearTimeout(this.lifetimeTimer);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of request) chunks.push(chunk as Buffer);
    } catch {
      return;
    }
    let raw = Buffer.concat(chunks);
    if (request.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
    const path = (request.url ?? '/').split('?')[0]!;
    const text = raw.toString('utf8');
    let body: unknown = text;
    if (request.method !== 'PUT') {
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {}
    }
    const operationName = path.endsWith('/graphql') ? graphqlOperationName(body) : undefined;
    const record: RecordedRequest = {
      method: request.method ?? 'GET',
      path,
      headers: request.headers,
      body,
      operationName,
      outcome: 'ok',
      unknownRoute: false,
    };
    this.requests.push(record);

    if (Date.now() < this.downUntil) {
      record.outcome = 'down';
      request.socket.destroy();
      return;
    }
    const needsAuth = path.endsWith('/graphql') || path.startsWith('/files/');
    if (
      needsAuth &&
      this.options.apiKey !== undefined &&
      basicPassword(request.headers.authorization) !== this.options.apiKey
    ) {
      record.outcome = 'unauthorized';
      this.json(response, 401, { errors: [{ message: 'user is not logged in' }] });
      return;
    }
    // A request that followed an injected redirect is answered normally, so a client that
    // follows redirects (turning the POST into a bodiless GET) would see a 200.
    const followedRedirect = (request.url ?? '').includes('redirected=1');
    const fault = followedRedirect
      ? ({ kind: 'none' } as const)
      : decideFault(this.faults, path, this.options.random ?? Math.random);
    if (fault.kind === 'error') {
      record.outcome = 'error';
      this.json(response, 500, { error: 'injected failure' });
      return;
    }
    if (fault.kind === 'rate-limit') {
      record.outcome = 'rate-limit';
      response.setHeader('Retry-After', String(fault.retryAfterSeconds));
      this.json(response, 429, { error: 'rate limited' });
      return;
    }
    if (fault.kind === 'redirect') {
      record.outcome = 'redirect';
      response.writeHead(fault.status, { location: `${path}?redirected=1`, 'content-length': 0 });
      response.end();
      return;
    }
    if (fault.kind === 'huge-body') {
      record.outcome = 'huge-body';
      await streamHugeBody(response, fault.bytes);
      return;
    }
    if (fault.kind === 'drop' && !fault.afterApplying) {
      record.outcome = 'drop';
      request.socket.destroy();
      return;
    }
    if (fault.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));

    const answer = this.route(record, raw);
    if (fault.kind === 'drop') {
      record.outcome = 'drop';
      request.socket.destroy();
      return;
    }
    this.json(response, answer.status, answer.body);
  }

  private route(record: RecordedRequest, raw: Buffer): { status: number; body: unknown } {
    if (record.method === 'POST' && record.path.endsWith('/graphql')) return this.graphql(record);
    const stream = /^\/files\/([^/]+)\/([^/]+)\/([^/]+)\/file_stream$/.exec(record.path);
    if (record.method === 'POST' && stream !== null) {
      const [entity, project, name] = stream.slice(1).map(decodeURIComponent) as [string, string, string];
      return { status: 200, body: this.fileStream(entity, project, name, record.body as FileStreamBody) };
    }
    const upload = /^\/upload\/([^/]+)\/(.+)$/.exec(record.path);
    if (record.method === 'PUT' && upload !== null) {
      const run = this.run(decodeURIComponent(upload[1]!));
      run?.uploadedFiles.set(decodeURIComponent(upload[2]!), raw);
      return { status: 200, body: {} };
    }
    record.unknownRoute = true;
    return { status: 200, body: {} };
  }

  private graphql(record: RecordedRequest): { status: number; body: unknown } {
    const variables = ((record.body as { variables?: Record<string, unknown> } | undefined)?.variables ??
      {}) as Record<string, any>;
    const defaultEntity = this.options.defaultEntity ?? 'test-entity';
    switch (record.operationName) {
      case 'Viewer':
        return {
          status: 200,
          body: {
            data: {
              viewer: {
                id: 'VXNlcjox',
                entity: defaultEntity,
                username: 'test',
                email: 't@example.com',
                flags: '{}',
                teams: { edges: [] },
              },
            },
          },
        };
      case 'ServerFeaturesQuery':
        return { status: 200, body: { data: { serverInfo: { features: [] } } } };
      case 'UpsertBucket':
        return { status: 200, body: { data: { upsertBucket: this.upsertBucket(variables, defaultEntity) } } };
      case 'RunResumeStatus': {
        const entity = (variables.entity as string | undefined) ?? defaultEntity;
        const project = (variables.project as string | undefined) ?? 'uncategorized';
        const run = this.runs.get(`${entity}/${project}/${variables.name}`);
        return {
          status: 200,
          body: {
            data: {
              model: {
                id: 'p1',
                name: project,
                entity: { id: 'e1', name: entity },
                bucket: run === undefined ? null : resumeBucket(run),
              },
            },
          },
        };
      }
      case 'RunStoppedStatus':
        return { status: 200, body: { data: { project: { run: { stopped: false } } } } };
      case 'CreateRunFiles': {
        const files = (variables.files as string[] | undefined) ?? [];
        const run = this.run(String(variables.run));
        return {
          status: 200,
          body: {
            data: {
              createRunFiles: {
                runID: run?.storageId ?? 'unknown',
                uploadHeaders: [],
                files: files.map((name) => ({
                  name,
                  uploadUrl: `${this.url}/upload/${encodeURIComponent(String(variables.run))}/${encodeURIComponent(name)}`,
                })),
              },
            },
          },
        };
      }
      default:
        record.unknownRoute = true;
        return { status: 200, body: { data: {} } };
    }
  }

  private upsertBucket(variables: Record<string, any>, defaultEntity: string): unknown {
    let run: RecordedRun | undefined;
    if (typeof variables.id === 'string') {
      for (const candidate of this.runs.values()) if (candidate.storageId === variables.id) run = candidate;
    }
    const inserted = run === undefined;
    if (run === undefined) {
      const entity = (variables.entity as string | undefined) || defaultEntity;
      const project = (variables.project as string | undefined) || 'uncategorized';
      const name = (variables.name as string | undefined) || randomBytes(4).toString('hex');
      const key = `${entity}/${project}/${name}`;
      run = this.runs.get(key);
      if (run === undefined) {
        run = newRecordedRun(entity, project, name, `UnVuOnYx${randomBytes(6).toString('hex')}`);
        this.runs.set(key, run);
      }
    }
    run.upserts.push(variables);
    const config =
      [...run.upserts].reverse().find((upsert) => typeof upsert.config === 'string')?.config ?? '{}';
    return {
      inserted,
      bucket: {
        id: run.storageId,
        name: run.name,
        displayName: variables.displayName ?? run.name,
        description: null,
        config,
        sweepName: null,
        historyLineCount: run.files.get('wandb-history.jsonl')?.length ?? 0,
        project: { id: 'p1', name: run.project, entity: { id: 'e1', name: run.entity } },
      },
    };
  }

  private fileStream(entity: string, project: string, name: string, body: FileStreamBody): unknown {
    const key = `${entity}/${project}/${name}`;
    let run = this.runs.get(key);
    if (run === undefined) {
      run = newRecordedRun(entity, project, name, `UnVuOnYx${randomBytes(6).toString('hex')}`);
      this.runs.set(key, run);
    }
    run.fileStreamRequests++;
    for (const [file, chunk] of Object.entries(body?.files ?? {})) {
      if (file === 'wandb-summary.json') {
        const last = chunk.content.at(-1);
        if (last !== undefined) run.summary = parseWandbJson(last) as Record<string, unknown>;
        continue;
      }
      const lines = run.files.get(file) ?? [];
      chunk.content.forEach((line, index) => {
        const offset = chunk.offset + index;
        const previous = lines[offset];
        if (previous !== undefined && previous !== line && file !== 'output.log') {
          run.conflicts.push({ file, offset, previous, next: line });
        }
        lines[offset] = line;
      });
      run.files.set(file, lines);
    }
    if (body?.complete === true) {
      run.complete = true;
      run.exitCode = body.exitcode;
    }
    return {};
  }

  private json(response: ServerResponse, status: number, body: unknown): void {
    const text = JSON.stringify(body);
    response.writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
    });
    response.end(text);
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

interface FileStreamBody {
  files?: Record<string, { offset: number; content: string[] }>;
  complete?: boolean;
  exitcode?: number;
}

function graphqlOperationName(body: unknown): string | undefined {
  const candidate = body as { operationName?: unknown; query?: unknown } | undefined;
  if (typeof candidate?.operationName === 'string' && candidate.operationName !== '')
    return candidate.operationName;
  if (typeof candidate?.query !== 'string') return undefined;
  return /\b(?:query|mutation)\s+(\w+)/.exec(candidate.query)?.[1];
}

function basicPassword(header: string | undefined): string | undefined {
  if (header === undefined || !header.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  return decoded.slice(decoded.indexOf(':') + 1);
}

function resumeBucket(run: RecordedRun): unknown {
  const history = run.files.get('wandb-history.jsonl') ?? [];
  const config =
    [...run.upserts].reverse().find((upsert) => typeof upsert.config === 'string')?.config ?? '{}';
  const parsed = JSON.parse(config as string) as { _wandb?: { value?: { t?: unknown } } };
  return {
    id: run.storageId,
    name: run.name,
    summaryMetrics: JSON.stringify(run.summary ?? {}),
    displayName: run.name,
    logLineCount: run.files.get('output.log')?.length ?? 0,
    historyLineCount: history.length,
    eventsLineCount: run.files.get('wandb-events.jsonl')?.length ?? 0,
    historyTail: JSON.stringify(history.slice(-1)),
    eventsTail: '[]',
    config,
    tags: [],
    notes: null,
    wandbConfig: parsed._wandb?.value?.t === undefined ? null : JSON.stringify({ t: parsed._wandb.value.t }),
  };
}
