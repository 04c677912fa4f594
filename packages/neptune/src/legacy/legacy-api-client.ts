import { ApiCallError } from '@tasklens/core';
import { type HttpResponse, registerSecretValue, sendHttpRequest } from '@tasklens/core/plugin';
import { VERSION } from '../version';
import type { DecodedApiToken } from './api-token';
import type { LegacyOperation } from './legacy-operation';
import { operationToApi } from './legacy-operation';

/** The operations our client calls, by swagger operationId, with the paths a Neptune 2.x server uses. */
const defaultRoutes = {
  getClientConfig: { method: 'GET', path: '/api/backend/v1/clients/config' },
  exchangeApiToken: { method: 'GET', path: '/api/backend/v1/authorization/oauth-token' },
  getProject: { method: 'GET', path: '/api/backend/v1/projects/get' },
  createExperiment: { method: 'POST', path: '/api/leaderboard/v1/experiments' },
  executeOperations: { method: 'POST', path: '/api/leaderboard/v1/attributes/operations' },
  ping: { method: 'POST', path: '/api/leaderboard/v1/experiments/ping' },
} as const;

type OperationId = keyof typeof defaultRoutes;
type Route = { method: string; path: string };

export interface ClientConfig {
  apiUrl: string;
  applicationUrl: string;
}

export interface CreatedRun {
  /** Run uuid. */
  id: string;
  /** `PROJ-12`. */
  shortId: string;
  organizationName: string;
  projectName: string;
}

export interface LegacyApiClientOptions {
  token: string;
  decoded: DecodedApiToken;
  /** Per-request timeout, in ms. */
  requestTimeoutMs: number;
}

/**
 * The 1.x client's REST calls against a Neptune 2.x server: client config, token exchange,
 * project lookup, run creation (with a custom run id), batched operations and pings. Paths are
 * taken from the server's swagger documents by operationId, as the Python client (bravado) does,
 * falling back to the usual ones. The API token only travels in `X-Neptune-Api-Token`.
 */
export class LegacyApiClient {
  private readonly options: LegacyApiClientOptions;
  private routes: Record<OperationId, Route> = { ...defaultRoutes };
  private apiUrl: string;
  private accessToken: string | undefined;
  applicationUrl: string;

  constructor(options: LegacyApiClientOptions) {
    this.options = options;
    registerSecretValue(options.token);
    this.apiUrl = options.decoded.apiUrl;
    this.applicationUrl = options.decoded.apiAddress;
  }

  /** Client config, swagger routes and token exchange: after this, the other calls work. */
  async connect(): Promise<ClientConfig> {
    const config = await this.json<{ apiUrl?: string; applicationUrl?: string; pyLibVersions?: unknown }>(
      'getClientConfig',
      { alpha: 'true' },
      undefined,
      { 'X-Neptune-Api-Token': this.options.token },
    );
    if (typeof config.apiUrl === 'string') this.apiUrl = config.apiUrl.replace(/\/+$/, '');
    if (typeof config.applicationUrl === 'string')
      this.applicationUrl = config.applicationUrl.replace(/\/+$/, '');
    await this.loadRoutes();
    const tokens = await this.json<{ accessToken?: string }>('exchangeApiToken', {}, undefined, {
      'X-Neptune-Api-Token': this.options.token,
    });
    if (typeof tokens.accessToken !== 'string') {
      throw new ApiCallError({
        message: 'the token exchange returned no accessToken',
        url: this.url('exchangeApiToken'),
        isRetryable: false,
      });
    }
    this.accessToken = tokens.accessToken;
    registerSecretValue(tokens.accessToken);
    return { apiUrl: this.apiUrl, applicationUrl: this.applicationUrl };
  }

  async getProject(
    qualifiedName: string,
  ): Promise<{ id: string; name: string; organizationName: string; projectKey: string }> {
    return this.json('getProject', { projectIdentifier: qualifiedName });
  }

  async createRun(projectId: string, customRunId: string | undefined): Promise<CreatedRun> {
    const body = {
      projectIdentifier: projectId,
      parentId: projectId,
      type: 'run',
      cliVersion: '1.14.0',
      gitInfo: null,
      customId: customRunId ?? null,
    };
    return this.json('createExperiment', {}, body, { 'X-Neptune-CliVersion': '1.14.0' });
  }

  /** Sends one batch; returns the server's per-operation errors (empty when all applied). */
  async executeOperations(runId: string, operations: readonly LegacyOperation[]): Promise<string[]> {
    const errors = await this.json<{ errorDescription?: string }[]>(
      'executeOperations',
      { experimentId: runId },
      operations.map(operationToApi),
    );
    return Array.isArray(errors)
      ? errors.map((error) => String(error.errorDescription ?? 'unknown error'))
      : [];
  }

  async ping(runId: string): Promise<void> {
    await this.request('ping', { experimentId: runId });
  }

  private async loadRoutes(): Promise<void> {
    for (const document of ['/api/backend/swagger.json', '/api/leaderboard/swagger.json']) {
      try {
        const response = await sendHttpRequest({
          url: `${this.apiUrl}${document}`,
          method: 'GET',
          timeoutMs: this.options.requestTimeoutMs,
        });
        const swagger = JSON.parse(response.body) as {
          basePath?: string;
          paths?: Record<string, Record<string, { operationId?: string }>>;
        };
        const basePath = (swagger.basePath ?? '').replace(/\/+$/, '');
        for (const [path, methods] of Object.entries(swagger.paths ?? {})) {
          for (const [method, operation] of Object.entries(methods)) {
            const id = operation.operationId as OperationId | undefined;
            if (id !== undefined && id in defaultRoutes)
              this.routes[id] = { method: method.toUpperCase(), path: `${basePath}${path}` };
          }
        }
      } catch {
        // A server without swagger documents keeps the usual paths.
      }
    }
  }

  private url(operation: OperationId, query: Record<string, string> = {}): string {
    const search = new URLSearchParams(query).toString();
    return `${this.apiUrl}${this.routes[operation].path}${search === '' ? '' : `?${search}`}`;
  }

  private async request(
    operation: OperationId,
    query: Record<string, string>,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResponse> {
    const allHeaders: Record<string, string> = {
      Accept: 'application/json',
      'User-Agent': `neptune-client/1.14.0 (@tasklens/neptune ${VERSION}; Node.js ${process.version})`,
      'X-Neptune-LegacyClient': 'false',
      ...headers,
    };
    if (this.accessToken !== undefined) allHeaders.Authorization = `Bearer ${this.accessToken}`;
    if (body !== undefined) allHeaders['Content-Type'] = 'application/json';
    return sendHttpRequest({
      url: this.url(operation, query),
      method: this.routes[operation].method,
      headers: allHeaders,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      timeoutMs: this.options.requestTimeoutMs,
    });
  }

  private async json<Result>(
    operation: OperationId,
    query: Record<string, string>,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Result> {
    const response = await this.request(operation, query, body, headers);
    try {
      return JSON.parse(response.body === '' ? 'null' : response.body) as Result;
    } catch {
      throw new ApiCallError({
        message: `${operation}: the answer is not JSON`,
        url: this.url(operation),
        statusCode: response.statusCode,
        isRetryable: false,
      });
    }
  }
}
