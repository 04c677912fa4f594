import { readFileSync } from 'node:fs';
import { sendHttpRequest } from '@tasklens/core';
import type { WandbEvent } from '../events/wandb-event';
import type { EncodedItem } from '../json/encoded-item';
import { authorizationHeader, postGraphql, upsertBucketQuery, upsertBucketVariables } from './graphql-client';

const createRunFilesQuery = `mutation CreateRunFiles($entity: String!, $project: String!, $run: String!, $files: [String!]!) {
  createRunFiles(input: {entityName: $entity, projectName: $project, runName: $run, files: $files}) {
    runID
    uploadHeaders
    files { name uploadUrl }
  }
}`;

export interface FileStreamTarget {
  baseUrl: string;
  apiKey: string;
  entity: string;
  project: string;
  runId: string;
  storageId: string;
  timeoutMs: number;
  /** Line offsets to start from (non-zero when resuming). */
  historyOffset: number;
  outputOffset: number;
  /** The run's summary before this stream started (resume). */
  initialSummary?: ReadonlyMap<string, string>;
}

/**
 * Turns batches of tracking events into W&B requests: run metadata changes become one
 * UpsertBucket, and history rows, the whole summary, console lines and the final `complete`
 * become one file_stream POST. Offsets only advance after the service accepted the request, so a
 * retried batch rewrites the same lines (the service treats that as idempotent).
 */
export class FileStreamSink {
  private readonly target: FileStreamTarget;
  private historyOffset: number;
  private outputOffset: number;
  private readonly summary: Map<string, string>;
  private readonly url: string;

  constructor(target: FileStreamTarget) {
    this.target = target;
    this.historyOffset = target.historyOffset;
    this.outputOffset = target.outputOffset;
    this.summary = new Map(target.initialSummary);
    this.url = `${target.baseUrl}/files/${[target.entity, target.project, target.runId].map(encodeURIComponent).join('/')}/file_stream`;
  }

  readonly deliver = async (batch: readonly WandbEvent[]): Promise<void> => {
    const history: string[] = [];
    const output: string[] = [];
    const summary = new Map(this.summary);
    let summaryChanged = false;
    const upsert: Record<string, unknown> = {};
    let exitCode: number | undefined;
    const fileEvents: { name: string; path: string }[] = [];
    for (const event of batch) {
      switch (event.kind) {
        case 'metrics': {
          const items = event.encoded ?? [];
          history.push(jsonLine(items));
          for (const [key, value] of items) summary.set(key, value);
          // The SDK's summary keeps `_runtime` in whole seconds (history rows keep the float).
          const runtime = summary.get('_runtime');
          if (runtime !== undefined) summary.set('_runtime', String(Math.floor(Number(runtime))));
          summaryChanged = true;
          break;
        }
        case 'summary':
          for (const [key, value] of event.encoded ?? []) summary.set(key, value);
          for (const key of event.removed ?? []) summary.delete(key);
          summaryChanged = true;
          break;
        case 'config':
          upsert.config = configJson(event.encoded ?? []);
          break;
        case 'tags':
          upsert.tags = [...event.tags];
          break;
        case 'notes':
          upsert.notes = event.notes;
          break;
        case 'name':
          upsert.displayName = event.name;
          break;
        case 'console':
          output.push(consoleLine(event.stream, event.time, event.line));
          break;
        case 'exit':
          exitCode = event.exitCode;
          break;
        case 'file':
          fileEvents.push(event);
          break;
      }
    }
    if (Object.keys(upsert).length > 0) {
      await postGraphql(
        { baseUrl: this.target.baseUrl, apiKey: this.target.apiKey, timeoutMs: this.target.timeoutMs },
        'UpsertBucket',
        upsertBucketQuery,
        upsertBucketVariables({
          id: this.target.storageId,
          name: this.target.runId,
          project: this.target.project,
          entity: this.target.entity,
          ...upsert,
        }),
      );
    }
    const uploaded = fileEvents.length > 0 ? await this.uploadFiles(fileEvents) : [];
    const files: Record<string, { offset: number; content: string[] }> = {};
    if (history.length > 0) files['wandb-history.jsonl'] = { offset: this.historyOffset, content: history };
    if (summaryChanged) files['wandb-summary.json'] = { offset: 0, content: [jsonLine([...summary])] };
    if (output.length > 0) files['output.log'] = { offset: this.outputOffset, content: output };
    const body: Record<string, unknown> = { files: files };
    if (uploaded.length > 0) body.uploaded = uploaded;
    if (exitCode !== undefined) {
      body.complete = true;
      body.exitcode = exitCode;
    }
    if (Object.keys(files).length > 0 || uploaded.length > 0 || exitCode !== undefined) await this.post(body);
    this.historyOffset += history.length;
    this.outputOffset += output.length;
    for (const [key, value] of summary) this.summary.set(key, value);
  };

  /** CreateRunFiles for `files`, then a PUT of each body to its upload URL (as the SDK at finish). */
  private async uploadFiles(files: readonly { name: string; path: string }[]): Promise<string[]> {
    const target = {
      baseUrl: this.target.baseUrl,
      apiKey: this.target.apiKey,
      timeoutMs: this.target.timeoutMs,
    };
    const data = await postGraphql<{
      createRunFiles: { uploadHeaders?: string[] | null; files: { name: string; uploadUrl: string }[] };
    }>(target, 'CreateRunFiles', createRunFilesQuery, {
      entity: this.target.entity,
      project: this.target.project,
      run: this.target.runId,
      files: files.map((file) => file.name),
    });
    const headers: Record<string, string> = {};
    for (const header of data.createRunFiles.uploadHeaders ?? []) {
      const colon = header.indexOf(':');
      if (colon > 0) headers[header.slice(0, colon)] = header.slice(colon + 1);
    }
    for (const file of data.createRunFiles.files) {
      const source = files.find((candidate) => candidate.name === file.name);
      if (source === undefined) continue;
      // The upload URL is pre-signed: the API key is not sent with the file.
      await sendHttpRequest({
        url: file.uploadUrl,
        method: 'PUT',
        headers,
        body: readFileSync(source.path),
        timeoutMs: this.target.timeoutMs,
      });
    }
    return files.map((file) => file.name);
  }

  /** Keep-alive: an empty file_stream request, as wandb-core sends when idle. */
  readonly heartbeat = async (): Promise<void> => {
    await this.post({});
  };

  private async post(body: Record<string, unknown>): Promise<void> {
    await sendHttpRequest({
      url: this.url,
      headers: {
        authorization: authorizationHeader(this.target.apiKey),
        'content-type': 'application/json',
        'user-agent': 'tasklens-wandb',
      },
      body: JSON.stringify(body),
      timeoutMs: this.target.timeoutMs,
    });
  }
}

/** Quoted keys, reused across rows: metric names repeat on every step. */
const quotedKeys = new Map<string, string>();

function quoted(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, text);
  }
  return text;
}

/** A JSON object from already-encoded items (values may hold NaN/Infinity tokens). */
export function jsonLine(items: readonly EncodedItem[]): string {
  let text = '{';
  for (let index = 0; index < items.length; index++) {
    const [key, value] = items[index]!;
    text += `${index === 0 ? '' : ','}${quoted(key)}:${value}`;
  }
  return `${text}}`;
}

/** The UpsertBucket `config` JSONString: each key wrapped as `{"value": …}`, plus `_wandb.t` so resume works. */
export function configJson(items: readonly EncodedItem[]): string {
  const wrapped: EncodedItem[] = items.map(([key, value]) => [key, `{"value":${value}}`]);
  if (!items.some(([key]) => key === '_wandb')) wrapped.push(['_wandb', '{"value":{"t":{}}}']);
  return jsonLine(wrapped);
}

/** The legacy output.log line: `[ERROR ]<UTC YYYY-MM-DDTHH:MM:SS.ffffff> <text>`. */
export function consoleLine(stream: 'stdout' | 'stderr', time: number, line: string): string {
  const iso = new Date(Math.floor(time * 1000)).toISOString().slice(0, 19);
  const micros = String(Math.floor((time % 1) * 1e6)).padStart(6, '0');
  return `${stream === 'stderr' ? 'ERROR ' : ''}${iso}.${micros} ${line}`;
}
