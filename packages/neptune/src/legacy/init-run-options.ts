import { InvalidOptionError } from '@tasklens/core';
import {
  booleanOption,
  createLogger,
  type DeclaredOptions,
  type DeclaredValues,
  declareOption,
  integerOption,
  type RetryPolicy,
} from '@tasklens/core/plugin';
import { choiceOption, objectOption, textOption } from '../neptune-option-declaration';

const logger = createLogger('tasklens:neptune');

/** The 1.x client's connection modes (`read-only` is not supported for writing runs). */
export type NeptuneMode = 'async' | 'sync' | 'offline' | 'debug';

/**
 * Every option of `initRun()` (`neptune.init_run()` in camelCase), declared once: type, default,
 * environment variable and validation. Order is the order the client checks them in.
 */
export const initRunDeclarations = {
  /** `async` (online), `sync` (online, same as async here), `offline` or `debug`; default NEPTUNE_MODE, else `async`. */
  mode: choiceOption<NeptuneMode>(['async', 'sync', 'offline', 'debug'], {
    defaultValue: 'async',
    environmentVariable: 'NEPTUNE_MODE',
  }),
  /** `workspace/project` (required online); default NEPTUNE_PROJECT. */
  project: textOption(
    { defaultValue: undefined, environmentVariable: 'NEPTUNE_PROJECT' },
    (project, option) => {
      if (/^[^/]+\/[^/]+$/.test(project)) return project;
      throw new InvalidOptionError({
        option,
        message: `${option} must look like "workspace/project", got "${project}"`,
      });
    },
  ),
  /** API token (base64 JSON naming the server; not needed offline); default NEPTUNE_API_TOKEN. */
  apiToken: textOption({ defaultValue: undefined, environmentVariable: 'NEPTUNE_API_TOKEN' }),
  /** Run identifier shared by every process of a distributed job (longer than 36 characters: ignored with a warning, as the client does); default NEPTUNE_CUSTOM_RUN_ID, else none. */
  customRunId: textOption({ defaultValue: undefined, environmentVariable: 'NEPTUNE_CUSTOM_RUN_ID' }, (id) => {
    if (id.length <= 36) return id;
    logger.warn(
      'customRunId is longer than 36 characters and was ignored (a new run is created), as the Neptune client does',
    );
    return undefined;
  }),
  /** `sys/name`; default `Untitled`; no env var. */
  name: textOption({ defaultValue: 'Untitled' }),
  /** `sys/description`; default empty; no env var. */
  description: textOption({ defaultValue: '' }),
  /** Initial `sys/tags`; default none; no env var. */
  tags: declareOption<string | readonly string[], undefined>({
    expected: 'a tag or a list of tags',
    defaultValue: undefined,
    validate(value, option) {
      if (typeof value !== 'string' && !Array.isArray(value)) {
        throw new InvalidOptionError({
          option,
          message: `${option} must be a tag or a list of tags, got ${typeof value}`,
        });
      }
      return value as string | readonly string[];
    },
  }),
  /** Directory holding `.neptune`; default NEPTUNE_DATA_DIRECTORY, else the working directory. */
  dataDirectory: textOption({ defaultValue: undefined, environmentVariable: 'NEPTUNE_DATA_DIRECTORY' }),
  /** Environment the defaults are read from; default `process.env`; no env var. */
  environment: objectOption<Readonly<Record<string, string | undefined>>>(
    'an object of environment variables',
  ),
  /** Per-request timeout in ms; default 30000; no env var. */
  requestTimeoutMs: integerOption({ minimum: 1, defaultValue: 30_000 }),
  /** How long connecting may retry before the run falls back to offline, in ms; default 60000; no env var. */
  initTimeoutMs: integerOption({ minimum: 0, defaultValue: 60_000 }),
  /** Continuous failure after which a live run spills to disk, in ms; default 120000; no env var. */
  offlineDeadlineMs: integerOption({ minimum: 0, defaultValue: 120_000 }),
  /** Batching delay for operations, in ms; default 1000; no env var. */
  flushIntervalMs: integerOption({ minimum: 0, defaultValue: 1000 }),
  /** Ping interval, in ms; default 10000; no env var. */
  pingIntervalMs: integerOption({ minimum: 1, defaultValue: 10_000 }),
  /** Retry back-off; default 500 ms doubling to 30 s with ±25% jitter; no env var. */
  retry: objectOption<Partial<RetryPolicy>>('a retry policy'),
  /**
   * Wait in `initRun()` until the server created the run (or the run was kept offline), as the
   * Python client does; default false: the run is returned at once and connects in the
   * background; no env var.
   */
  waitForHandshake: booleanOption(false),
};

/** Options of `initRun()`, `neptune.init_run()` in camelCase. */
export type InitRunOptions = DeclaredOptions<typeof initRunDeclarations>;

/** `initRun()`'s options after validation, the environment read and defaults applied. */
export type ResolvedInitRunOptions = DeclaredValues<typeof initRunDeclarations>;
