import { randomBytes } from 'node:crypto';
import {
  TestServer,
  type TestServerExchange,
  type TestServerOptions,
  type TestServerRequest,
} from '@tasklens/core/testing';
import { parseWandbJson } from '../json/parse-wandb-json';
import { newRecordedRun, type RecordedRun } from './recorded-run';

/** One request the server received. */
export interface RecordedRequest extends TestServerRequest {
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (or the raw text when not JSON). */
  body: unknown;
  /** GraphQL operation name, for `/graphql`. */
  operationName: string | undefined;
}

export interface WandbTestServerOptions extends TestServerOptions {
  /** When set, requests whose Basic auth password differs get HTTP 401. */
  apiKey?: string;
  /** Entity the fake's `Viewer` reports and runs default to; default `test-entity`. */
  defaultEntity?: string;
}

/**
 * A local server that speaks W&B's GraphQL + file_stream protocol well enough for the Python SDK
 * and `wandb sync` to complete `init → log → finish`, records every request, and injects faults
 * (core's `TestServer` does the listening, recording, faults and outages).
 */
export class WandbTestServer extends TestServer<RecordedRequest> {
  readonly runs = new Map<string, RecordedRun>();
  private readonly options: WandbTestServerOptions;

  private constructor(options: WandbTestServerOptions) {
    super(options);
    this.options = options;
  }

  /** Starts a server on 127.0.0.1. */
  static async start(options: WandbTestServerOptions = {}): Promise<WandbTestServer> {
    const instance = new WandbTestServer(options);
    await instance.listen();
    return instance;
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

  protected async handle(exchange: TestServerExchange): Promise<void> {
    const { request, response, path } = exchange;
    const text = exchange.body.toString('utf8');
    let body: unknown = text;
    if (exchange.method !== 'PUT') {
      try {
        body = text === '' ? undefined : JSON.parse(text);
      } catch {}
    }
    const record: RecordedRequest = {
      method: exchange.method,
      path,
      headers: request.headers,
      body,
      operationName: path.endsWith('/graphql') ? graphqlOperationName(body) : undefined,
      outcome: 'ok',
      unknownRoute: false,
    };
    if (!this.admit(exchange, record)) return;
    const needsAuth = path.endsWith('/graphql') || path.startsWith('/files/');
    if (
      needsAuth &&
      this.options.apiKey !== undefined &&
      basicPassword(request.headers.authorization) !== this.options.apiKey
    ) {
      record.outcome = 'unauthorized';
      this.send(response, { status: 401, body: { errors: [{ message: 'user is not logged in' }] } });
      return;
    }
    await this.answerWithFaults(
      exchange,
      record,
      path,
      { error: { error: 'injected failure' }, rateLimit: { error: 'rate limited' } },
      () => this.route(record, exchange.body),
    );
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
