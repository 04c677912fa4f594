import { hostname } from 'node:os';
import { ApiCallError, InvalidOptionError } from '@tasklens/core';
import {
  createLogger,
  escapeForLog,
  findCurrentContext,
  registerSecretValue,
  retryRequest,
  StorageError,
  TrackingTransport,
  withWaitingNotice,
} from '@tasklens/core/plugin';
import type { WandbEvent } from '../events/wandb-event';
import { encodeWandbJson } from '../json/encode-wandb-json';
import type { EncodedItem } from '../json/encoded-item';
import { parseWandbJson } from '../json/parse-wandb-json';
import { RunJournal } from '../offline/run-journal';
import { encodeHeaderRecord } from '../offline/wandb-records';
import { configJson, FileStreamSink } from '../online/file-stream-sink';
import {
  type GraphqlTarget,
  postGraphql,
  type ResumeBucket,
  runResumeStatusQuery,
  type UpsertedBucket,
  upsertBucketQuery,
  upsertBucketVariables,
} from '../online/graphql-client';
import { runUrlFor } from '../settings/app-url';
import { resolveInitOptions, settingsOf, type WandbSettings } from '../settings/resolve-settings';
import { VERSION } from '../version';
import { generateRunId } from './generate-run-id';
import { setGlobalRun } from './global-run';
import type { InitOptions, ResolvedInitOptions } from './init-options';
import { WandbRun } from './wandb-run';

export type { InitOptions } from './init-options';

const logger = () => createLogger('tasklens:wandb');

/**
 * Starts a run (the SDK's `wandb.init`). Online it creates the run with UpsertBucket (retrying,
 * and falling back to an offline run if the service cannot be reached in `initTimeoutMs`) and
 * prints the run URL once; offline it writes `wandb/offline-run-<time>-<id>/run-<id>.wandb`.
 */
export async function init(given: InitOptions = {}): Promise<WandbRun> {
  const environment = given.environment ?? findCurrentContext()?.environment ?? process.env;
  if (given.apiKey !== undefined) registerSecretValue(given.apiKey);
  const options = resolveInitOptions(given, environment);
  const settings = settingsOf(options, environment);
  // A given id was checked by its declaration; a generated one always passes.
  const id = options.id ?? generateRunId();
  const tags = options.tags ?? [];
  const config = { ...(options.config ?? {}) };
  const configItems: EncodedItem[] = Object.entries(config).map(([key, value]) => [
    key,
    encodeWandbJson(value, `config.${key}`),
  ]);
  const started = new Date();
  const consoleMode = options.console;
  const common = {
    captureConsole: consoleMode === 'wrap',
    id,
    displayName: options.name,
    notes: options.notes,
    tags,
    group: options.group,
    jobType: options.jobType,
    host: hostname(),
    config,
    startTime: started.getTime() / 1000,
  };
  if (settings.mode === 'disabled') {
    const run = new WandbRun({
      ...common,
      mode: 'disabled',
      entity: settings.entity ?? '',
      project: settings.project,
      startingStep: 0,
      url: undefined,
      journal: undefined,
      transport: undefined,
      initialSummary: new Map(),
    });
    setGlobalRun(run);
    return run;
  }
  if (settings.mode === 'online') {
    const online = await withWaitingNotice(
      'tasklens:wandb',
      startOnline(settings, options, id, configItems, common.displayName, tags),
      { waitingOn: settings.baseUrl, fallbackAfterMs: options.initTimeoutMs },
    );
    if (online !== undefined) {
      const journal = RunJournal.create(settings.wandbDirectory, 'run', id, started);
      journal.setDurableFlushMs(options.durableFlushMs);
      journal.append(encodeHeaderRecord(`tasklens-wandb ${VERSION}`));
      const sink = new FileStreamSink({
        baseUrl: settings.baseUrl,
        apiKey: settings.apiKey!,
        entity: online.entity,
        project: online.project,
        runId: id,
        storageId: online.storageId,
        timeoutMs: options.requestTimeoutMs,
        historyOffset: online.historyOffset,
        outputOffset: online.outputOffset,
        initialSummary: online.summary,
      });
      const transport = new TrackingTransport<WandbEvent>({
        name: 'wandb',
        deliver: sink.deliver,
        heartbeat: sink.heartbeat,
        // Every event is already in the run's .wandb journal; spilling only means "sync it later",
        // unless the journal could not be written, in which case the events are lost.
        spill: () => {
          if (journal.failure !== undefined) {
            throw new StorageError({
              uri: journal.path,
              message: `the run's .wandb file could not be written: ${String(journal.failure)}`,
              cause: journal.failure,
            });
          }
        },
        handleProcessExit: false,
        offlineDeadlineMs: options.offlineDeadlineMs,
        flushIntervalMs: options.flushIntervalMs,
        retry: options.retry,
        maxBatchSize: 2000,
        maxQueuedEvents: options.maxQueuedEvents,
      });
      const url = runUrlFor(settings.appUrl, online.entity, online.project, id);
      logger().info(`View run ${escapeForLog(options.name ?? id)} at: ${escapeForLog(url)}`);
      const run = new WandbRun({
        ...common,
        mode: 'online',
        config: { ...online.previousConfig, ...config },
        entity: online.entity,
        project: online.project,
        startingStep: online.startingStep,
        url,
        journal,
        transport,
        initialSummary: online.summary,
      });
      setGlobalRun(run);
      return run;
    }
  }
  const journal = RunJournal.create(settings.wandbDirectory, 'offline-run', id, started);
  journal.setDurableFlushMs(options.durableFlushMs);
  journal.append(encodeHeaderRecord(`tasklens-wandb ${VERSION}`));
  const run = new WandbRun({
    ...common,
    mode: 'offline',
    entity: settings.entity ?? '',
    project: settings.project,
    startingStep: 0,
    url: undefined,
    journal,
    transport: undefined,
    initialSummary: new Map(),
  });
  setGlobalRun(run);
  return run;
}

interface OnlineStart {
  entity: string;
  project: string;
  storageId: string;
  startingStep: number;
  historyOffset: number;
  outputOffset: number;
  summary: Map<string, string>;
  previousConfig: Record<string, unknown>;
}

/** Resume check (if asked) and the creating UpsertBucket; undefined means "fall back to offline". */
async function startOnline(
  settings: WandbSettings,
  options: ResolvedInitOptions,
  id: string,
  configItems: EncodedItem[],
  displayName: string | undefined,
  tags: string[],
): Promise<OnlineStart | undefined> {
  const target: GraphqlTarget = {
    baseUrl: settings.baseUrl,
    apiKey: settings.apiKey!,
    timeoutMs: options.requestTimeoutMs,
  };
  const retrying = { deadlineMs: options.initTimeoutMs, retry: options.retry };
  try {
    let resumed: ResumeBucket | null = null;
    if (options.resume !== undefined) {
      const status = await retryRequest(
        () =>
          postGraphql<{ model: { bucket: ResumeBucket | null } | null }>(
            target,
            'RunResumeStatus',
            runResumeStatusQuery,
            {
              project: settings.project,
              entity: settings.entity ?? null,
              name: id,
            },
          ),
        retrying,
      );
      resumed = status.model?.bucket ?? null;
      const exists = resumed !== null && resumed.wandbConfig !== null;
      if (options.resume === 'must' && !exists) {
        throw new InvalidOptionError({
          option: 'resume',
          message: `resume: run ${id} does not exist, but resume is "must"`,
        });
      }
      if (options.resume === 'never' && exists) {
        throw new InvalidOptionError({
          option: 'resume',
          message: `resume: run ${id} already exists, but resume is "never"`,
        });
      }
      if (!exists) resumed = null;
    }
    const previousConfig = resumed?.config ? unwrapConfig(resumed.config) : {};
    const mergedItems = new Map<string, string>(
      Object.entries(previousConfig).map(([key, value]) => [key, encodeWandbJson(value, `config.${key}`)]),
    );
    for (const [key, value] of configItems) mergedItems.set(key, value);
    const data = await retryRequest(
      () =>
        postGraphql<{ upsertBucket: { bucket: UpsertedBucket } }>(
          target,
          'UpsertBucket',
          upsertBucketQuery,
          upsertBucketVariables({
            name: id,
            project: settings.project,
            entity: settings.entity,
            displayName,
            notes: options.notes,
            groupName: options.group,
            jobType: options.jobType,
            host: hostname(),
            tags,
            config: configJson([...mergedItems]),
          }),
        ),
      retrying,
    );
    const bucket = data.upsertBucket.bucket;
    const summary = new Map<string, string>();
    let startingStep = 0;
    if (resumed !== null) {
      const previousSummary = parseWandbJson(resumed.summaryMetrics || '{}') as Record<string, unknown>;
      for (const [key, value] of Object.entries(previousSummary))
        summary.set(key, encodeWandbJson(value, `summary.${key}`));
      const tail = JSON.parse(resumed.historyTail || '[]') as string[];
      const last = tail.at(-1);
      if (last !== undefined)
        startingStep = Number((parseWandbJson(last) as { _step?: number })._step ?? -1) + 1;
    }
    return {
      entity: bucket.project.entity.name,
      project: bucket.project.name,
      storageId: bucket.id,
      startingStep,
      historyOffset: resumed?.historyLineCount ?? bucket.historyLineCount ?? 0,
      outputOffset: resumed?.logLineCount ?? 0,
      summary,
      previousConfig,
    };
  } catch (error) {
    if (InvalidOptionError.isInstance(error)) throw error;
    // A rejected key is a misconfiguration, not an outage: fail at init as the SDK does.
    if (ApiCallError.isInstance(error) && (error.statusCode === 401 || error.statusCode === 403)) {
      throw new InvalidOptionError({
        option: 'apiKey',
        message: `apiKey: the W&B server ${settings.baseUrl} rejected the API key (HTTP ${error.statusCode}); check WANDB_API_KEY, ~/.netrc or login(), or use mode "offline"`,
      });
    }
    logger().warn(
      `could not create the run online (${error instanceof Error ? error.message : String(error)}); logging offline instead`,
    );
    return undefined;
  }
}

/** UpsertBucket/RunResumeStatus config: `{key: {value: …}}` → `{key: …}`, without `_wandb`. */
function unwrapConfig(text: string): Record<string, unknown> {
  const parsed = parseWandbJson(text) as Record<string, { value?: unknown }>;
  const result: Record<string, unknown> = {};
  for (const [key, wrapped] of Object.entries(parsed)) {
    if (key !== '_wandb') result[key] = wrapped?.value;
  }
  return result;
}
