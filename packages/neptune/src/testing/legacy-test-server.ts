import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { encodeApiToken } from '../legacy/api-token';
import { decideFault, type FaultPlan } from './fault-plan';
import { answerFileUpload, legacyFileRoutes, type PendingUploads } from './legacy-file-uploads';
import { applyOperation, type LegacyRecordedRun } from './legacy-recorded-run';
import { backendSwagger, leaderboardSwagger } from './legacy-swagger';

/** One request the legacy server received (tokens are not kept). */
export interface LegacyRecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  operationId: string | undefined;
  body: unknown;
  outcome: 'ok' | 'error' | 'rate-limit' | 'drop' | 'down' | 'unauthorized' | 'not-found';
  unknownRoute: boolean;
}

export interface LegacyTestServerOptions {
  /** Port; default 0 (ephemeral). Always binds 127.0.0.1. */
  port?: number;
  /** Secret part of the API token; when set, requests with another token get 401; default: any token is accepted. */
  apiKey?: string;
  /** Projects that exist (`workspace/project`); default any project asked for is created. */
  projects?: string[];
  faults?: FaultPlan;
  random?: () => number;
  /** Stop by itself after this many ms; default 600000. */
  lifetimeMs?: number;
}

const routes: Record<string, string> = {
  'GET /api/backend/v1/clients/config': 'getClientConfig',
  'GET /api/backend/v1/authorization/oauth-token': 'exchangeApiToken',
  'GET /api/backend/v1/projects/get': 'getProject',
  'POST /api/leaderboard/v1/experiments': 'createExperiment',
  'GET /api/leaderboard/v1/experiments/get': 'getExperiment',
  'POST /api/leaderboard/v1/experiments/ping': 'ping',
  'POST /api/leaderboard/v1/attributes/operations': 'executeOperations',
  'GET /api/leaderboard/v1/attributes': 'getExperimentAttributes',
  'POST /auth/realms/neptune/protocol/openid-connect/token': 'refreshToken',
  ...legacyFileRoutes,
};

/**
 * A local Neptune 2.x server for the 1.x protocol: swagger documents, client config, token
 * exchange (an unsigned JWT), projects, runs with custom ids (get-or-create), batched operations
 * applied to per-run state, pings. Records every request; injects faults and outages.
 */
export class LegacyTestServer {
  readonly requests: LegacyRecordedRequest[] = [];
  readonly runs = new Map<string, LegacyRecordedRun>();
  private readonly server: Server;
  private readonly options: LegacyTestServerOptions;
  private readonly sockets = new Set<Socket>();
  private readonly projectIds = new Map<string, string>();
  private readonly uploads: PendingUploads = new Map();
  private accessToken = '';
  private faults: FaultPlan;
  private downUntil = 0;
  private lifetimeTimer: NodeJS.Timeout | undefined;
  private port = 0;

  private constructor(options: LegacyTestServerOptions) {
    this.options = options;
    this.faults = options.faults ?? {};
    for (const project of options.projects ?? []) this.projectIds.set(project, randomUUID());
    this.server = createServer((request, response) => void this.handle(request, response));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  static async start(options: LegacyTestServerOptions = {}): Promise<LegacyTestServer> {
    const instance = new LegacyTestServer(options);
    await new Promise<void>((resolve, reject) => {
      instance.server.once('error', reject);
      instance.server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    instance.port = (instance.server.address() as AddressInfo).port;
    instance.accessToken = instance.jwt();
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

  /** Drops every connection without an answer for `ms` (an outage). */
  goDown(ms: number): void {
    this.downUntil = Date.now() + ms;
    for (const socket of this.sockets) socket.destroy();
  }

  /** The single run of a project (or by custom id). */
  runOf(filter: { project?: string; customId?: string } = {}): LegacyRecordedRun | undefined {
    return [...this.runs.values()].find(
      (run) =>
        (filter.project === undefined || run.project === filter.project) &&
        (filter.customId === undefined || run.customId === filter.customId),
    );
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
    const raw = Buffer.concat(chunks);
    const text = raw.toString('utf8');
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // keep the text
    }
    const operationId = routes[`${method} ${url.pathname}`];
    const record: LegacyRecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      operationId,
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
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      response.end(payload === undefined ? '' : JSON.stringify(payload));
    };
    if (url.pathname === '/api/backend/swagger.json') return send(200, backendSwagger);
    if (url.pathname === '/api/leaderboard/swagger.json') return send(200, leaderboardSwagger);
    const fault = decideFault(this.faults, url.pathname, this.options.random ?? Math.random);
    if (fault.kind === 'error') {
      record.outcome = 'error';
      return send(500, { title: 'injected error' });
    }
    if (fault.kind === 'rate-limit') {
      record.outcome = 'rate-limit';
      return send(429, { title: 'slow down' }, { 'Retry-After': String(fault.retryAfterSeconds) });
    }
    if (fault.kind === 'drop' && !fault.afterApplying) {
      record.outcome = 'drop';
      request.socket.destroy();
      return;
    }
    if (fault.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    const answer = this.answer(operationId, request, url, body, record, raw);
    if (fault.kind === 'drop') {
      record.outcome = 'drop';
      request.socket.destroy();
      return;
    }
    send(answer.status, answer.payload);
  }

  private answer(
    operationId: string | undefined,
    request: IncomingMessage,
    url: URL,
    body: unknown,
    record: LegacyRecordedRequest,
    raw: Buffer,
  ): { status: number; payload: unknown } {
    const apiToken = request.headers['x-neptune-api-token'];
    // Without a configured key any token is accepted (as the W&B test server does).
    const tokenOk =
      this.options.apiKey === undefined
        ? typeof apiToken === 'string' && apiToken !== ''
        : apiToken === this.apiToken;
    const bearerOk = request.headers.authorization === `Bearer ${this.accessToken}`;
    const unauthorized = () => {
      record.outcome = 'unauthorized';
      return { status: 401, payload: { title: 'Unauthorized' } };
    };
    switch (operationId) {
      case 'getClientConfig':
        if (!tokenOk) return unauthorized();
        return {
          status: 200,
          payload: {
            apiUrl: this.url,
            applicationUrl: this.url,
            pyLibVersions: {
              minRecommendedVersion: '1.0.0',
              minCompatibleVersion: '1.0.0',
              maxCompatibleVersion: '1.99.0',
            },
            multiPartUpload: { enabled: false },
            artifacts: { enabled: false, apiVersion: 2 },
          },
        };
      case 'exchangeApiToken':
        if (!tokenOk) return unauthorized();
        return {
          status: 200,
          payload: { accessToken: this.accessToken, refreshToken: this.accessToken, username: 'tasklens' },
        };
      case 'refreshToken':
        // Keycloak's token endpoint, where the client refreshes (form-encoded refresh_token grant).
        return {
          status: 200,
          payload: {
            access_token: this.accessToken,
            refresh_token: this.accessToken,
            expires_in: 3600,
            token_type: 'Bearer',
          },
        };
      default:
        break;
    }
    if (operationId === undefined) {
      record.unknownRoute = true;
      return { status: 200, payload: {} };
    }
    if (!bearerOk) return unauthorized();
    // Uploads name the run `experimentIdentifier`, the other calls `experimentId`.
    const experimentId =
      url.searchParams.get('experimentId') ?? url.searchParams.get('experimentIdentifier') ?? '';
    // Like Neptune, a run is named by its uuid or its qualified name `workspace/project/SHORT-ID`.
    const run =
      this.runs.get(experimentId) ??
      [...this.runs.values()].find(
        (candidate) => `${candidate.project}/${candidate.shortId}` === experimentId,
      );
    const notFound = () => {
      record.outcome = 'not-found';
      return { status: 404, payload: { title: 'Not found' } };
    };
    const upload =
      run === undefined ? undefined : answerFileUpload(operationId, run, url.searchParams, raw, this.uploads);
    if (upload !== undefined) return upload;
    switch (operationId) {
      case 'getProject': {
        const name = url.searchParams.get('projectIdentifier') ?? '';
        const id = this.projectId(name);
        if (id === undefined) return notFound();
        const [workspace, project] = name.split('/');
        return {
          status: 200,
          payload: {
            id,
            name: project,
            organizationName: workspace,
            organizationId: randomUUID(),
            projectKey: projectKey(project ?? ''),
            version: 2,
          },
        };
      }
      case 'createExperiment':
        return this.createExperiment(body as Record<string, unknown>, notFound);
      case 'getExperiment':
        return run === undefined ? notFound() : { status: 200, payload: this.experiment(run) };
      case 'ping':
        if (run === undefined) return notFound();
        run.pings++;
        return { status: 200, payload: undefined };
      case 'executeOperations': {
        if (run === undefined) return notFound();
        const errors = [];
        for (const operation of (Array.isArray(body) ? body : []) as Record<string, unknown>[]) {
          const error = applyOperation(run, operation);
          if (error !== undefined) errors.push({ errorType: 'INVALID_OPERATION', errorDescription: error });
        }
        return { status: 200, payload: errors };
      }
      case 'getExperimentAttributes':
        if (run === undefined) return notFound();
        return {
          status: 200,
          payload: { attributes: [...run.values.keys()].map((name) => ({ name, type: 'string' })) },
        };
      default:
        return notFound();
    }
  }

  private createExperiment(
    params: Record<string, unknown>,
    notFound: () => { status: number; payload: unknown },
  ) {
    const projectId = String(params?.projectIdentifier ?? '');
    const project = [...this.projectIds].find(([, id]) => id === projectId)?.[0];
    if (project === undefined) return notFound();
    const customId = typeof params.customId === 'string' ? params.customId : undefined;
    const existing = customId === undefined ? undefined : this.runOf({ project, customId });
    if (existing !== undefined) return { status: 200, payload: this.experiment(existing) };
    const run: LegacyRecordedRun = {
      id: randomUUID(),
      shortId: `${projectKey(project.split('/')[1] ?? '')}-${this.runs.size + 1}`,
      project,
      customId,
      operations: [],
      values: new Map(),
      series: new Map(),
      stringSets: new Map(),
      pings: 0,
    };
    this.runs.set(run.id, run);
    return { status: 200, payload: this.experiment(run) };
  }

  private experiment(run: LegacyRecordedRun) {
    const [organizationName, projectName] = run.project.split('/');
    return {
      id: run.id,
      shortId: run.shortId,
      organizationName,
      projectName,
      type: 'run',
      customId: run.customId ?? null,
      trashed: false,
    };
  }

  private projectId(name: string): string | undefined {
    if (!this.projectIds.has(name) && this.options.projects === undefined && /^[^/]+\/[^/]+$/.test(name)) {
      this.projectIds.set(name, randomUUID());
    }
    return this.projectIds.get(name);
  }

  /** An unsigned JWT with what the Python client reads (`exp`, `azp`, `iss`). */
  private jwt(): string {
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = {
      exp: Math.floor(Date.now() / 1000) + 3600,
      azp: 'neptune-client',
      iss: `${this.url}/auth/realms/neptune`,
    };
    return `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.${Buffer.from('unsigned').toString('base64url')}`;
  }
}

function projectKey(project: string): string {
  return (
    project
      .replace(/[^a-zA-Z]/g, '')
      .slice(0, 3)
      .toUpperCase() || 'PRJ'
  );
}
