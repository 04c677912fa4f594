import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  TestServer,
  type TestServerExchange,
  type TestServerOptions,
  type TestServerRequest,
} from '@tasklens/core/testing';
import { encodeApiToken } from '../legacy/api-token';
import {
  answerFileSetUpload,
  legacyFileSetRoutes,
  type PendingFileSetUploads,
} from './legacy-file-set-uploads';
import { answerFileUpload, legacyFileRoutes, type PendingUploads } from './legacy-file-uploads';
import { applyOperation, type LegacyRecordedRun } from './legacy-recorded-run';
import { backendSwagger, leaderboardSwagger } from './legacy-swagger';

/** One request the legacy server received (tokens are not kept). */
export interface LegacyRecordedRequest extends TestServerRequest {
  query: Record<string, string>;
  operationId: string | undefined;
  body: unknown;
}

export interface LegacyTestServerOptions extends TestServerOptions {
  /** Secret part of the API token; when set, requests with another token get 401; default: any token is accepted. */
  apiKey?: string;
  /** Projects that exist (`workspace/project`); default any project asked for is created. */
  projects?: string[];
  /** Advertise multipart uploads in the client config (1.x clients then delete a file set before replacing it); default false. */
  multipartUpload?: boolean;
}

const mebibyte = 1024 * 1024;

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
  ...legacyFileSetRoutes,
};

/**
 * A local Neptune 2.x server for the 1.x protocol: swagger documents, client config, token
 * exchange (an unsigned JWT), projects, runs with custom ids (get-or-create), batched operations
 * applied to per-run state, pings. Records every request; injects faults and outages.
 */
export class LegacyTestServer extends TestServer<LegacyRecordedRequest> {
  readonly runs = new Map<string, LegacyRecordedRun>();
  private readonly options: LegacyTestServerOptions;
  private readonly projectIds = new Map<string, string>();
  private readonly uploads: PendingUploads = new Map();
  private readonly fileSetUploads: PendingFileSetUploads = new Map();
  private accessToken = '';

  private constructor(options: LegacyTestServerOptions) {
    super(options);
    this.options = options;
    for (const project of options.projects ?? []) this.projectIds.set(project, randomUUID());
  }

  static async start(options: LegacyTestServerOptions = {}): Promise<LegacyTestServer> {
    const instance = new LegacyTestServer(options);
    await instance.listen();
    instance.accessToken = instance.jwt();
    return instance;
  }

  /** An API token naming this server (what `NEPTUNE_API_TOKEN` holds). */
  get apiToken(): string {
    return encodeApiToken(this.url, this.options.apiKey ?? 'tasklens-test-key');
  }

  /** The single run of a project (or by custom id). */
  runOf(filter: { project?: string; customId?: string } = {}): LegacyRecordedRun | undefined {
    return [...this.runs.values()].find(
      (run) =>
        (filter.project === undefined || run.project === filter.project) &&
        (filter.customId === undefined || run.customId === filter.customId),
    );
  }

  protected async handle(exchange: TestServerExchange): Promise<void> {
    const { request, response, path, query } = exchange;
    const text = exchange.body.toString('utf8');
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // keep the text
    }
    const operationId = routes[`${exchange.method} ${path}`];
    const record: LegacyRecordedRequest = {
      method: exchange.method,
      path,
      query: Object.fromEntries(query),
      operationId,
      body,
      outcome: 'ok',
      unknownRoute: false,
    };
    if (!this.admit(exchange, record)) return;
    if (path === '/api/backend/swagger.json')
      return this.send(response, { status: 200, body: backendSwagger });
    if (path === '/api/leaderboard/swagger.json') {
      return this.send(response, { status: 200, body: leaderboardSwagger });
    }
    await this.answerWithFaults(
      exchange,
      record,
      path,
      { error: { title: 'injected error' }, rateLimit: { title: 'slow down' } },
      () => {
        const answer = this.answer(operationId, request, query, body, record, exchange.body);
        return { status: answer.status, body: answer.payload };
      },
    );
  }

  private answer(
    operationId: string | undefined,
    request: IncomingMessage,
    query: URLSearchParams,
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
            multiPartUpload:
              this.options.multipartUpload === true
                ? {
                    enabled: true,
                    minChunkSize: 5 * mebibyte,
                    maxChunkSize: 1024 * mebibyte,
                    maxChunkCount: 1000,
                    maxSinglePartSize: 5 * mebibyte,
                  }
                : { enabled: false },
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
    const experimentId = query.get('experimentId') ?? query.get('experimentIdentifier') ?? '';
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
      run === undefined
        ? undefined
        : (answerFileUpload(operationId, run, query, raw, this.uploads) ??
          answerFileSetUpload(operationId, run, query, raw, this.fileSetUploads));
    if (upload !== undefined) return upload;
    switch (operationId) {
      case 'getProject': {
        const name = query.get('projectIdentifier') ?? '';
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
