import { randomUUID } from 'node:crypto';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import {
  TestServer,
  type TestServerAnswer,
  type TestServerExchange,
  type TestServerOptions,
  type TestServerRequest,
} from '@tasklens/core/testing';
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
import { answerScaleStorage, type ScaleStoredFile } from './scale-file-storage';
import { applySnapshot, emptyScaleRun, type ScaleRecordedRun } from './scale-recorded-run';

/** One request the Scale server received (tokens are not kept). */
export interface ScaleRecordedRequest extends TestServerRequest {
  /** Decoded `RunOperation` for ingest calls. */
  operation: RunOperation | undefined;
}

export interface ScaleTestServerOptions extends TestServerOptions {
  /** Secret part of the API token; when set, other tokens get 401; default: any token is accepted. */
  apiKey?: string;
}

const realm = '/auth/realms/neptune';

/**
 * A local Neptune Scale (3.x) ingestion server: client config with OpenID discovery, API-token
 * exchange and refresh, protobuf `POST /api/client/v1/ingest` (create / update / update_batch)
 * applied to per-run state, and request status checks. Records requests; injects faults (core's
 * `TestServer`), on the ingest routes only.
 */
export class ScaleTestServer extends TestServer<ScaleRecordedRequest> {
  readonly runs = new Map<string, ScaleRecordedRun>();
  /** Files stored through signed URLs (`assign_files`), by storage path. */
  readonly storedFiles = new Map<string, ScaleStoredFile>();
  private readonly options: ScaleTestServerOptions;
  private accessToken = '';

  private constructor(options: ScaleTestServerOptions) {
    super(options);
    this.options = options;
  }

  static async start(options: ScaleTestServerOptions = {}): Promise<ScaleTestServer> {
    const instance = new ScaleTestServer(options);
    await instance.listen();
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const claims = {
      exp: Math.floor(Date.now() / 1000) + 36_000,
      azp: 'neptune-client',
      iss: `${instance.url}${realm}`,
    };
    instance.accessToken = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}.${part('unsigned')}`;
    return instance;
  }

  /** An API token naming this server (what `NEPTUNE_API_TOKEN` holds). */
  get apiToken(): string {
    return encodeApiToken(this.url, this.options.apiKey ?? 'tasklens-test-key');
  }

  runOf(project: string, runId: string): ScaleRecordedRun | undefined {
    return this.runs.get(`${project}/${runId}`);
  }

  protected async handle(exchange: TestServerExchange): Promise<void> {
    const { request, response, path } = exchange;
    const record: ScaleRecordedRequest = {
      method: exchange.method,
      path,
      operation: undefined,
      outcome: 'ok',
      unknownRoute: false,
    };
    if (!this.admit(exchange, record)) return;
    const json = (status: number, body: unknown) => this.send(response, { status, body });
    const route = `${exchange.method} ${path}`;
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
    const signing = route === 'POST /api/storagebridge/v1/signedUrl';
    if (signing && request.headers.authorization !== `Bearer ${this.accessToken}`) {
      record.outcome = 'unauthorized';
      return json(401, { message: 'Unauthorized' });
    }
    const contentType = request.headers['content-type'];
    const storage = answerScaleStorage(route, this.url, exchange.body, contentType, this.storedFiles);
    if (storage !== undefined) return this.send(response, storage);
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
    await this.answerWithFaults(
      exchange,
      record,
      path,
      { error: { message: 'injected error' }, rateLimit: { message: 'slow down' } },
      () => (isIngest ? this.ingest(record, exchange.body) : this.check(exchange.body)),
    );
  }

  private ingest(record: ScaleRecordedRequest, body: Buffer): TestServerAnswer {
    const operation = fromBinary(RunOperationSchema, body);
    record.operation = operation;
    this.apply(operation);
    const requestId = randomUUID();
    const answer = create(SubmitResponseSchema, { requestId, requestIds: [requestId] });
    return protobufAnswer(toBinary(SubmitResponseSchema, answer));
  }

  private check(body: Buffer): TestServerAnswer {
    const ids = fromBinary(RequestIdListSchema, body).ids;
    const ok = create(RequestStatus_CodeByCountSchema, { code: Code.OK, count: 1n });
    const statuses = ids.map(() => create(RequestStatusSchema, { codeByCount: [ok] }));
    return protobufAnswer(toBinary(BulkRequestStatusSchema, create(BulkRequestStatusSchema, { statuses })));
  }

  private apply(operation: RunOperation): void {
    const key = `${operation.project}/${operation.runId}`;
    let run = this.runs.get(key);
    if (run === undefined) {
      run = emptyScaleRun(operation.project, operation.runId);
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

function protobufAnswer(bytes: Uint8Array): TestServerAnswer {
  return { status: 200, body: bytes, headers: { 'content-type': 'application/x-protobuf' } };
}
