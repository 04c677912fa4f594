import { randomBytes } from 'node:crypto';
import { ApiCallError } from '@tasklens/core';
import { type HttpResponse, sendHttpRequest } from '@tasklens/core/plugin';
import { VERSION } from '../version';

/** What the experiment handshake (`logger/add/run`) answered. */
export interface Handshake {
  runId: string;
  projectId: string | null;
  /** `<root>/<workspace>/<project>/`; the experiment URL is this plus the key. */
  focusUrl: string | null;
  workspace: string | null;
  projectName: string | null;
}

export interface CometApiOptions {
  rootUrl: string;
  clientlibUrl: string;
  apiKey: string;
  /** Per-attempt timeout in ms; default 30000. */
  timeoutMs?: number;
}

/**
 * The Comet HTTP calls our client makes: the clientlib handshake (the only create that takes the
 * caller's experiment key), the clientlib metric/parameter batches, and REST v2 writes. The API
 * key travels only in the `Authorization` header and the handshake body, never in a URL.
 */
export class CometApi {
  private readonly options: CometApiOptions;

  constructor(options: CometApiOptions) {
    this.options = options;
  }

  /** Creates the experiment with our key, or joins it if it exists (`getOrCreateEnabled`). */
  async handshake(
    experimentKey: string,
    workspace: string | undefined,
    projectName: string | undefined,
  ): Promise<Handshake> {
    const response = await this.clientlib('logger/add/run', {
      apiKey: this.options.apiKey,
      local_timestamp: Date.now(),
      experimentKey,
      offline: false,
      projectName: projectName ?? null,
      teamName: workspace ?? null,
      libVersion: `tasklens-comet-${VERSION}`,
      getOrCreateEnabled: true,
    });
    const body = parseJson(response.body) as Record<string, unknown>;
    if (typeof body.runId !== 'string') {
      throw new ApiCallError({
        message: 'Comet handshake answered without a runId',
        url: 'logger/add/run',
        isRetryable: false,
      });
    }
    return {
      runId: body.runId,
      projectId: typeof body.project_id === 'string' ? body.project_id : null,
      focusUrl: typeof body.focusUrl === 'string' ? body.focusUrl : null,
      workspace: typeof body.workspaceName === 'string' ? body.workspaceName : (workspace ?? null),
      projectName: typeof body.projectName === 'string' ? body.projectName : (projectName ?? null),
    };
  }

  /**
   * The SDK's heartbeat, clientlib `status-report/update` (its body carries the key like the
   * handshake's); `isAlive: false` is the SDK's end of the experiment. The answer names the next
   * heartbeat interval (`is_alive_beat_duration_millis`).
   */
  async statusReport(
    experimentKey: string,
    runId: string,
    projectId: string | null,
    isAlive: boolean,
  ): Promise<HttpResponse> {
    return this.clientlib('status-report/update', {
      apiKey: this.options.apiKey,
      runId,
      experimentKey,
      projectId,
      is_alive: isAlive,
      local_timestamp: Date.now(),
      offline: false,
    });
  }

  /** POST `<clientlib>/<route>` with a JSON body. */
  clientlib(route: string, body: unknown): Promise<HttpResponse> {
    return this.post(`${this.options.clientlibUrl}${route}`, body);
  }

  /** POST `<root>/api/rest/v2/<route>` with a JSON body. */
  rest(route: string, body: unknown): Promise<HttpResponse> {
    return this.post(`${this.options.rootUrl}/api/rest/v2/${route}`, body);
  }

  /** Clientlib `tags/add-tags-to-experiment`, as the SDK adds tags (the key in the body like the handshake's). */
  addTags(experimentKey: string, tags: readonly string[]): Promise<HttpResponse> {
    return this.clientlib('tags/add-tags-to-experiment', {
      apiKey: this.options.apiKey,
      experimentKey,
      addedTags: tags,
    });
  }

  /** Multipart upload of one asset (or artifact file) to clientlib `asset/upload`, as the SDK uploads files. */
  uploadAsset(
    query: Record<string, string>,
    fileName: string,
    bytes: Uint8Array,
    metadata: unknown,
  ): Promise<HttpResponse> {
    const boundary = `tasklens${randomBytes(12).toString('hex')}`;
    const parts: Buffer[] = [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName.replace(/"/g, '%22')}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(bytes),
      Buffer.from('\r\n'),
    ];
    if (metadata !== null && metadata !== undefined) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="metadata"\r\n\r\n${JSON.stringify(metadata)}\r\n`,
        ),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return sendHttpRequest({
      url: `${this.options.clientlibUrl}asset/upload?${new URLSearchParams(query)}`,
      headers: {
        Authorization: this.options.apiKey,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
      },
      body: Buffer.concat(parts),
      timeoutMs: this.options.timeoutMs ?? 120_000,
    });
  }

  private post(url: string, body: unknown): Promise<HttpResponse> {
    return sendHttpRequest({
      url,
      headers: { Authorization: this.options.apiKey, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      timeoutMs: this.options.timeoutMs ?? 30_000,
    });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}
