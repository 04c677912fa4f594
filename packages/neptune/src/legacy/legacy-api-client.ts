import { ApiCallError } from '@tasklens/core';
import { type HttpResponse, registerSecretValue, sendHttpRequest } from '@tasklens/core/plugin';
import { VERSION } from '../version';
import type { DecodedApiToken } from './api-token';
import { fileSetRoutes } from './file-set-routes';
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
  fileAtomUpload: { method: 'POST', path: '/api/leaderboard/v1/attributes/storage/file/upload' },
  fileAtomMultipartUploadStart: {
    method: 'POST',
    path: '/api/leaderboard/v1/attributes/storage/file/upload/start',
  },
  fileAtomMultipartUploadPart: {
    method: 'POST',
    path: '/api/leaderboard/v1/attributes/storage/file/upload/part',
  },
  fileAtomMultipartUploadFinish: {
    method: 'POST',
    path: '/api/leaderboard/v1/attributes/storage/file/upload/finish',
  },
  ...fileSetRoutes,
} as const;

/** neptune 1.x's default multipart settings: one request up to 5 MiB, else parts of at least 5 MiB, at most 1000. */
const defaultMultipart = {
  maxSinglePartSize: 5 * 1024 * 1024,
  minChunkSize: 5 * 1024 * 1024,
  maxChunkCount: 1000,
};

type OperationId = keyof typeof defaultRoutes;
type Route = { method: string; path: string };
type UploadRoutes = { single: OperationId; start: OperationId; part: OperationId; finish: OperationId };

const atomUpload: UploadRoutes = {
  single: 'fileAtomUpload',
  start: 'fileAtomMultipartUploadStart',
  part: 'fileAtomMultipartUploadPart',
  finish: 'fileAtomMultipartUploadFinish',
};
const fileSetUpload: UploadRoutes = {
  single: 'fileSetFileUpload',
  start: 'fileSetFileMultipartUploadStart',
  part: 'fileSetFileMultipartUploadPart',
  finish: 'fileSetFileMultipartUploadFinish',
};

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
  /**
   * The server's multipart settings when its client config enables multipart uploads (then, as in
   * the Python client, a file set is emptied with a deleteAttribute before it is replaced).
   */
  multipartUpload: typeof defaultMultipart | undefined;

  constructor(options: LegacyApiClientOptions) {
    this.options = options;
    registerSecretValue(options.token);
    this.apiUrl = options.decoded.apiUrl;
    this.applicationUrl = options.decoded.apiAddress;
  }

  /** Client config, swagger routes and token exchange: after this, the other calls work. */
  async connect(): Promise<ClientConfig> {
    const config = await this.json<{
      apiUrl?: string;
      applicationUrl?: string;
      multiPartUpload?: { enabled?: boolean } & Partial<typeof defaultMultipart>;
    }>('getClientConfig', { alpha: 'true' }, undefined, { 'X-Neptune-Api-Token': this.options.token });
    if (typeof config.apiUrl === 'string') this.apiUrl = config.apiUrl.replace(/\/+$/, '');
    if (typeof config.applicationUrl === 'string')
      this.applicationUrl = config.applicationUrl.replace(/\/+$/, '');
    const multipart = config.multiPartUpload;
    this.multipartUpload =
      multipart?.enabled === true
        ? {
            maxSinglePartSize: multipart.maxSinglePartSize ?? defaultMultipart.maxSinglePartSize,
            minChunkSize: multipart.minChunkSize ?? defaultMultipart.minChunkSize,
            maxChunkCount: multipart.maxChunkCount ?? defaultMultipart.maxChunkCount,
          }
        : undefined;
    // The swagger documents and the token exchange are independent: one round trip instead of
    // three (the Python client fetches them one after another). The exchange keeps the usual path
    // if the documents name another (a server whose backend paths differ fails it and is retried).
    const [, tokens] = await Promise.all([
      this.loadRoutes(),
      this.json<{ accessToken?: string }>('exchangeApiToken', {}, undefined, {
        'X-Neptune-Api-Token': this.options.token,
      }),
    ]);
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

  /**
   * Uploads a file atom as neptune 1.x does: one raw POST up to 5 MiB, else a multipart upload
   * (start, parts with `X-Range`, finish). Returns the server's errors (empty when stored).
   */
  async uploadFile(runId: string, attribute: string, ext: string, content: Uint8Array): Promise<string[]> {
    return this.uploadContent(atomUpload, { experimentIdentifier: runId, attribute }, { ext }, content);
  }

  /** One file of a file set at `subPath`, the same way as a file atom (the file-set routes). */
  async uploadFileSetFile(
    runId: string,
    attribute: string,
    subPath: string,
    content: Uint8Array,
  ): Promise<string[]> {
    return this.uploadContent(
      fileSetUpload,
      { experimentIdentifier: runId, attribute, subPath },
      {},
      content,
    );
  }

  /** A package of a file set as one tar.gz (`reset` empties the set first). */
  async uploadFileSetTar(
    runId: string,
    attribute: string,
    reset: boolean,
    archive: Uint8Array,
  ): Promise<string[]> {
    const query = { experimentId: runId, attribute, reset: reset ? 'True' : 'False' };
    return uploadErrors(await this.request('uploadFileSetAttributeTar', query, archive, binaryHeaders));
  }

  private async uploadContent(
    routes: UploadRoutes,
    base: Record<string, string>,
    // Only the start and single calls carry these (the Python client drops `ext` from the others).
    startOnly: Record<string, string>,
    content: Uint8Array,
  ): Promise<string[]> {
    const limits = this.multipartUpload ?? defaultMultipart;
    if (content.byteLength <= limits.maxSinglePartSize) {
      return uploadErrors(
        await this.request(routes.single, { ...base, ...startOnly }, content, binaryHeaders),
      );
    }
    const started = await this.json<{ uploadId?: string; errors?: { errorDescription?: string }[] }>(
      routes.start,
      { ...base, ...startOnly, totalLength: String(content.byteLength) },
      {},
    );
    if (started.errors !== undefined && started.errors.length > 0) return started.errors.map(describeError);
    const uploadId = String(started.uploadId);
    const chunk = Math.max(limits.minChunkSize, Math.ceil(content.byteLength / limits.maxChunkCount));
    for (let index = 0, start = 0; start < content.byteLength; index++, start += chunk) {
      const end = Math.min(start + chunk, content.byteLength);
      const headers = { ...binaryHeaders, 'X-Range': `bytes=${start}-${end - 1}/${content.byteLength}` };
      const query = { ...base, uploadId, uploadPartIdx: String(index) };
      const errors = uploadErrors(
        await this.request(routes.part, query, content.subarray(start, end), headers),
      );
      if (errors.length > 0) return errors;
    }
    const finished = await this.json<{ errors?: { errorDescription?: string }[] }>(
      routes.finish,
      { ...base, uploadId },
      {},
    );
    return (finished.errors ?? []).map(describeError);
  }

  async ping(runId: string): Promise<void> {
    await this.request('ping', { experimentId: runId });
  }

  private async loadRoutes(): Promise<void> {
    const documents = ['/api/backend/swagger.json', '/api/leaderboard/swagger.json'];
    await Promise.all(documents.map((document) => this.loadRoutesFrom(document)));
  }

  private async loadRoutesFrom(document: string): Promise<void> {
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
    const binary = body instanceof Uint8Array;
    if (body !== undefined && !binary) allHeaders['Content-Type'] = 'application/json';
    return sendHttpRequest({
      url: this.url(operation, query),
      method: this.routes[operation].method,
      headers: allHeaders,
      ...(body === undefined ? {} : { body: binary ? body : JSON.stringify(body) }),
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

const binaryHeaders = { 'Content-Type': 'application/octet-stream' };

function describeError(error: { errorDescription?: string }): string {
  return String(error.errorDescription ?? 'unknown error');
}

/** The errors of an upload answer (`{"errors": [...]}`, `{"errorDescription": ...}` or empty). */
function uploadErrors(response: HttpResponse): string[] {
  if (response.body.trim() === '') return [];
  try {
    const parsed = JSON.parse(response.body) as {
      errors?: { errorDescription?: string }[];
      errorDescription?: string;
    } | null;
    if (parsed === null) return [];
    if (typeof parsed.errorDescription === 'string') return [parsed.errorDescription];
    return (parsed.errors ?? []).map(describeError);
  } catch {
    return [`unexpected upload answer: ${response.body.slice(0, 200)}`];
  }
}
