import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { encodeApiToken } from '../legacy/api-token';
import { Code } from '../scale/protobuf/gen/google_rpc/code_pb';
import {
  BulkRequestStatusSchema,
  RequestIdListSchema,
  SubmitResponseSchema,
} from '../scale/protobuf/gen/neptune_pb/ingest/v1/pub/client_pb';
import {
  type RunOperation,
  RunOperationSchema,
} from '../scale/protobuf/gen/neptune_pb/ingest/v1/pub/ingest_pb';
import {
  RequestStatus_CodeByCountSchema,
  RequestStatusSchema,
} from '../scale/protobuf/gen/neptune_pb/ingest/v1/pub/request_status_pb';
import { decideFault, type FaultPlan } from './fault-plan';
import { applySnapshot, type ScaleRecordedRun } from './scale-recorded-run';

/** One request the Scale server received (tokens are not kept). */
export interface ScaleRecordedRequest {
  method: string;
  path: string;
  /** Decoded `RunOperation` for ingest calls. */
  operation: RunOperation | undefined;
  outcome: 'ok' | 'error' | 'rate-limit' | 'drop' | 'down' | 'unauthorized';
  unknownRoute: boolean;
}

export interface ScaleTestServerOptions {
  /** Port; default 0 (ephemeral). Always binds 127.0.0.1. */
  port?: number;
  /** Secret part of the API token; when set, other tokens get 401; default: any token is accepted. */
  apiKey?: string;
  faults?: FaultPlan;
  random?: () => number;
  /** Stop by itself after this many ms; default 600000. */
  lifetimeMs?: number;
}

/**
 * A local Neptune Scale (3.x) ingestion server: client config with OpenID discovery, API-token
 * exchange and refresh, protobuf `POST /api/client/v1/ingest` (create / update / update_batch)
 * applied to per-run state, and request status checks. Records requests; injects faults.
 */
export class ScaleTestServer {
  readonly requests: ScaleRecordedRequest[] = [];
  readonly runs = new Map<string, ScaleRecordedRun>();
  private readonly server: Server;
  private readonly options: ScaleTestServerOptions;
  private readonly sockets = new Set<Socket>();
  private faults: FaultPlan;
  private accessToken = '';
  private downUntil = 0;
  private lifetimeTimer: NodeJS.Timeout | undefined;
  private port = 0;

  private constructor(options: ScaleTestServerOptions) {
    this.options = options;
    this.faults = options.faults ?? {};
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(options: ScaleTestServerOptions = {}): Promise<ScaleTestServer> {
    const instance = new ScaleTestServer(options);
    await new Promise<void>((resolve, reject) => {
      instance.server.once('error', reject);
      instance.server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    instance.port = (instance.server.address() as AddressInfo).port;
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = {
      exp: Math.floor(Date.now() / 1000) + 36_000,
      azp: 'neptune-client',
      iss: `${instance.url}/auth/realms/neptune`,
    };
    instance.accessToken = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.${part('unsigned')}`;
    instance.lifetimeTimer = setTimeout(() => void instance.close(), options.lifetimeMs ?? 600_000);
    instance.lifetimeTimer.unref();
    return instance;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** An API token naming this server (what `NEPTUNE_API_TOKEN` holds). */
  get apiToken(): string {
    return encodeApiToken(this.url, this.options.apiKey ?? 'tasklens-test-key');
  }

  setFaults(faults: FaultPlan): void {
    this.faults = faults;
  }

  /** Drops every connection without an answer for `ms`. */
  goDown(ms: number): void {
    this.downUntil = Date.now() + ms;
    for (const socket of this.sockets) socket.destroy();
  }

  runOf(project: string, runId: string): ScaleRecordedRun | undefined {
    return this.runs.get(`${project}/${runId}`);
  }

  async close(): Promise<void> {
    if (this.lifetimeTimer !== undefined) clearTimeout(this.lifetimeTimer);
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const method = request.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const record: ScaleRecordedRequest = {
      method,
      path: url.pathname,
      operation: undefined,
      outcome: 'ok',
      unknownRoute: false,
    };
    this.requests.push(record);
    if (Date.now() < this.downUntil) {
      record.outcome = 'down';
      request.socket.destroy();
      return;
    }
    const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      response.end(JSON.stringify(payload));
    };
    const binary = (payload: Uint8Array) => {
      response.writeHead(200, { 'Content-Type': 'application/x-protobuf' });
      response.end(payload);
    };
    const route = `${method} ${url.pathname}`;
    const realm = '/auth/realms/neptune';
    switch (route) {
      case 'GET /api/backend/v1/clients/config':
        return json(200, {
          apiUrl: this.url,
          applicationUrl: this.url,
          pyLibVersions: {
            minRecommendedVersion: '0.1.0',
            minCompatibleVersion: '0.1.0',
            maxCompatibleVersion: '9.0.0',
          },
          security: {
            clientId: 'neptune-client',
            openIdDiscovery: `${this.url}${realm}/.well-known/openid-configuration`,
          },
        });
      case `GET ${realm}/.well-known/openid-configuration`:
        return json(200, {
          authorization_endpoint: `${this.url}${realm}/protocol/openid-connect/auth`,
          token_endpoint: `${this.url}${realm}/protocol/openid-connect/token`,
        });
      case 'GET /api/backend/v1/authorization/oauth-token':
        if (this.options.apiKey !== undefined && request.headers['x-neptune-api-token'] !== this.apiToken) {
          record.outcome = 'unauthorized';
          return json(401, { message: 'Unauthorized' });
        }
        return json(200, {
          accessToken: this.accessToken,
          refreshToken: this.accessToken,
          username: 'tasklens',
        });
      case `POST ${realm}/protocol/openid-connect/token`:
        return json(200, {
          access_token: this.accessToken,
          refresh_token: this.accessToken,
          expires_in: 36_000,
          token_type: 'Bearer',
        });
      default:
        break;
    }
    const isIngest = route === 'POST /api/client/v1/ingest';
    const isCheck = route === 'POST /api/client/v1/ingest/check';
    if (!isIngest && !isCheck) {
      record.unknownRoute = true;
      return json(200, {});
    }
    if (request.headers.authorization !== `Bearer ${this.accessToken}`) {
      record.outcome = 'unauthorized';
      return json(401, { message: 'Unauthorized' });
    }
    const fault = decideFault(this.faults, url.pathname, this.options.random ?? Math.random);
    if (fault.kind === 'error') {
      record.outcome = 'error';
      return json(500, { message: 'injected error' });
    }
    if (fault.kind === 'rate-limit') {
      record.outcome = 'rate-limit';
      return json(429, { message: 'slow down' }, { 'Retry-After': String(fault.retryAfterSeconds) });
    }
    if (fault.kind === 'drop' && !fault.afterApplying) {
      record.outcome = 'drop';
      request.socket.destroy();
      return;
    }
    if (fault.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    let answer: Uint8Array;
    if (isIngest) {
      const operation = fromBinary(RunOperationSchema, body);
      record.operation = operation;
      this.apply(operation);
      const requestId = randomUUID();
      answer = toBinary(
        SubmitResponseSchema,
        create(SubmitResponseSchema, { requestId, requestIds: [requestId] }),
      );
    } else {
      const ids = fromBinary(RequestIdListSchema, body).ids;
      const ok = create(RequestStatus_CodeByCountSchema, { code: Code.OK, count: 1n });
      const statuses = ids.map(() => create(RequestStatusSchema, { codeByCount: [ok] }));
      answer = toBinary(BulkRequestStatusSchema, create(BulkRequestStatusSchema, { statuses }));
    }
    if (fault.kind === 'drop') {
      record.outcome = 'drop';
      request.socket.destroy();
      return;
    }
    binary(answer);
  }

  private apply(operation: RunOperation): void {
    const key = `${operation.project}/${operation.runId}`;
    let run = this.runs.get(key);
    if (run === undefined) {
      run = {
        project: operation.project,
        runId: operation.runId,
        experimentId: undefined,
        creationTime: undefined,
        configs: new Map(),
        metrics: new Map(),
        stringSets: new Map(),
        refusedPoints: 0,
      };
      this.runs.set(key, run);
    }
    const { case: kind, value } = operation.operation;
    if (kind === 'create') {
      run.experimentId ??= value.experimentId;
      if (value.creationTime !== undefined) run.creationTime ??= timestampDate(value.creationTime);
    } else if (kind === 'update') applySnapshot(run, value);
    else if (kind === 'updateBatch') for (const snapshot of value.snapshots) applySnapshot(run, snapshot);
  }
}
