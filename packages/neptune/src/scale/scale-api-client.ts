import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { ApiCallError } from '@tasklens/core';
import { registerSecretValue, sendHttpRequest } from '@tasklens/core/plugin';
import { type DecodedApiToken, decodeApiToken } from '../legacy/api-token';
import { VERSION } from '../version';
import { OperationType } from './operations-database';
import {
  RunSchema,
  UpdateRunSnapshotSchema,
  UpdateRunSnapshotsSchema,
} from './protobuf/gen/neptune_pb/ingest/v1/common_pb';
import { RunOperationSchema } from './protobuf/gen/neptune_pb/ingest/v1/pub/ingest_pb';

/** One answer of the storage bridge: where to upload a file (neptune-api's `SignedUrlGeneric`). */
export interface SignedFileUrl {
  path: string;
  /** `aws`, `azure` or `gcp`. */
  provider: string;
  url: string;
  /** Present when the server wants an S3 multipart upload. */
  multipart?: { upload_id: string; part_size: number; part_urls: string[] } | null;
}

/** A stored operation ready to send: its type and protobuf blob (as in `run_operations`). */
export type EncodedOperation = readonly [number, Uint8Array];

/**
 * neptune-scale's ingestion calls against a Neptune 3.x server: client config, API-token
 * exchange for a bearer token, and `POST /api/client/v1/ingest` with a protobuf `RunOperation`
 * (`create` for the run, `update_batch` for snapshots, as neptune-scale's sync groups them).
 */
export class ScaleApiClient {
  private readonly decoded: DecodedApiToken;
  private apiUrl: string;
  private accessToken: string | undefined;

  constructor(
    private readonly token: string,
    private readonly requestTimeoutMs: number,
  ) {
    registerSecretValue(token);
    this.decoded = decodeApiToken(token);
    this.apiUrl = this.decoded.apiUrl;
  }

  /** The API URL the token names (what neptune-scale's run links start with). */
  get tokenApiUrl(): string {
    return this.decoded.apiUrl;
  }

  get applicationUrl(): string {
    return this.decoded.apiAddress;
  }

  async connect(): Promise<void> {
    const config = await this.get('/api/backend/v1/clients/config', {});
    const { apiUrl } = JSON.parse(config) as { apiUrl?: string };
    if (typeof apiUrl === 'string' && apiUrl !== '') this.apiUrl = apiUrl.replace(/\/+$/, '');
    const tokens = JSON.parse(
      await this.get('/api/backend/v1/authorization/oauth-token', { 'X-Neptune-Api-Token': this.token }),
    ) as { accessToken?: string };
    if (typeof tokens.accessToken !== 'string') {
      throw new ApiCallError({
        message: 'the token exchange returned no accessToken',
        url: this.apiUrl,
        isRetryable: false,
      });
    }
    this.accessToken = tokens.accessToken;
    registerSecretValue(tokens.accessToken);
  }

  /** Sends operations of one run in order: the create alone, consecutive snapshots as one batch. */
  async submit(project: string, runId: string, operations: readonly EncodedOperation[]): Promise<void> {
    let snapshots: Uint8Array[] = [];
    const flushSnapshots = async () => {
      if (snapshots.length === 0) return;
      const batch = create(UpdateRunSnapshotsSchema, {
        snapshots: snapshots.map((blob) => fromBinary(UpdateRunSnapshotSchema, blob)),
      });
      snapshots = [];
      await this.ingest(
        create(RunOperationSchema, { project, runId, operation: { case: 'updateBatch', value: batch } }),
      );
    };
    for (const [type, blob] of operations) {
      if (type === OperationType.createRun) {
        await flushSnapshots();
        const run = fromBinary(RunSchema, blob);
        await this.ingest(
          create(RunOperationSchema, { project, runId, operation: { case: 'create', value: run } }),
        );
      } else snapshots.push(blob);
    }
    await flushSnapshots();
  }

  /** `POST /api/storagebridge/v1/signedUrl`: signed write URLs for files, as neptune-scale's uploader asks. */
  async signFileUrls(
    project: string,
    files: readonly { path: string; size: number }[],
  ): Promise<SignedFileUrl[]> {
    if (this.accessToken === undefined) await this.connect();
    const body = {
      files: files.map((file) => ({
        path: file.path,
        permission: 'write',
        project_identifier: project,
        size: file.size,
      })),
    };
    try {
      const response = await sendHttpRequest({
        url: `${this.apiUrl}/api/storagebridge/v1/signedUrl`,
        method: 'POST',
        headers: {
          ...this.headers(),
          'Content-Type': 'application/json',
          Authorization: `Bearer ${this.accessToken}`,
        },
        body: JSON.stringify(body),
        timeoutMs: this.requestTimeoutMs,
      });
      return (JSON.parse(response.body) as { files?: SignedFileUrl[] }).files ?? [];
    } catch (error) {
      if (ApiCallError.isInstance(error) && error.statusCode === 401) this.accessToken = undefined;
      throw error;
    }
  }

  private async ingest(operation: ReturnType<typeof create<typeof RunOperationSchema>>): Promise<void> {
    if (this.accessToken === undefined) await this.connect();
    try {
      // The answer (a SubmitResponse with request ids for status checks) is not needed: a 2xx means accepted.
      await sendHttpRequest({
        url: `${this.apiUrl}/api/client/v1/ingest`,
        method: 'POST',
        headers: {
          ...this.headers(),
          'Content-Type': 'application/x-protobuf',
          Authorization: `Bearer ${this.accessToken}`,
        },
        body: toBinary(RunOperationSchema, operation),
        timeoutMs: this.requestTimeoutMs,
      });
    } catch (error) {
      // An expired bearer token: exchange the API token again on the next attempt.
      if (ApiCallError.isInstance(error) && error.statusCode === 401) this.accessToken = undefined;
      throw error;
    }
  }

  private async get(path: string, headers: Record<string, string>): Promise<string> {
    const response = await sendHttpRequest({
      url: `${this.apiUrl}${path}`,
      method: 'GET',
      headers: { ...this.headers(), ...headers },
      timeoutMs: this.requestTimeoutMs,
    });
    return response.body;
  }

  private headers(): Record<string, string> {
    return { 'User-Agent': `neptune-scale/0.30.0 (tasklens=${VERSION}; node=${process.version})` };
  }
}
