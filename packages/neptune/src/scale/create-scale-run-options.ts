import { InvalidOptionError } from '@tasklens/core';
import {
  booleanOption,
  type DeclaredOptions,
  type DeclaredValues,
  declareOption,
  integerOption,
  type RetryPolicy,
} from '@tasklens/core/plugin';
import { choiceOption, objectOption, textOption } from '../neptune-option-declaration';

/**
 * Every option of `createScaleRun()` (`neptune_scale.Run(...)` in camelCase), declared once: type,
 * default, environment variable and validation. Order is the order neptune-scale checks them in.
 */
export const createScaleRunDeclarations = {
  /** `workspace/project` (required); default NEPTUNE_PROJECT (an empty one counts as unset). */
  project: textOption(
    {
      defaultValue: undefined,
      environmentVariable: 'NEPTUNE_PROJECT',
      emptyIsUnset: true,
      requiredMessage: 'project must be set (or NEPTUNE_PROJECT)',
    },
    // Parenthesized (as the checks below): compiled at import, not inside the first start.
    // biome-ignore format: the parentheses are the compile hint
    (function checkProject(project: string, option: string): string {
      // One `/` with text on both sides (no regular expression to compile inside the first start).
      const slash = project.indexOf('/');
      if (slash > 0 && slash < project.length - 1 && project.indexOf('/', slash + 1) === -1) return project;
      throw new InvalidOptionError({
        option,
        message: `${option} must look like "workspace/project", got "${project}"`,
      });
    }),
  ),
  /** `async` (online), `offline` or `disabled`; default NEPTUNE_MODE, else `async`. */
  mode: choiceOption<'async' | 'offline' | 'disabled'>(['async', 'offline', 'disabled'], {
    defaultValue: 'async',
    environmentVariable: 'NEPTUNE_MODE',
    emptyIsUnset: true,
  }),
  /** Run id, unique in the project (1 to 128 bytes); default a generated `run-<ms>-<rand>`; no env var. */
  // biome-ignore format: the parentheses are the compile hint
  runId: textOption({ defaultValue: undefined }, (function checkRunId(runId: string, option: string): string {
    // A UTF-16 unit is at most 3 UTF-8 bytes: 42 of them always fit, without encoding to count.
    if (runId !== '' && (runId.length <= 42 || Buffer.byteLength(runId) <= 128)) return runId;
    throw new InvalidOptionError({ option, message: `${option} must be 1 to 128 bytes long` });
  })),
  /** Experiment to attach the run to (1 to 730 characters); default none; no env var. */
  // biome-ignore format: the parentheses are the compile hint
  experimentName: textOption({ defaultValue: undefined }, (function checkExperimentName(name: string, option: string): string {
    if (name !== '' && name.length <= 730) return name;
    throw new InvalidOptionError({ option, message: `${option} must be 1 to 730 characters long` });
  })),
  /** API token (needed only in `async` mode); default NEPTUNE_API_TOKEN (an empty one counts as unset). */
  apiToken: textOption({
    defaultValue: undefined,
    environmentVariable: 'NEPTUNE_API_TOKEN',
    emptyIsUnset: true,
  }),
  /** Run creation time; default now; no env var. */
  creationTime: declareOption<Date, undefined>({
    expected: 'a Date',
    defaultValue: undefined,
    validate(value, option) {
      if (!(value instanceof Date)) {
        throw new InvalidOptionError({ option, message: `${option} must be a Date, got ${typeof value}` });
      }
      return value;
    },
  }),
  /** Directory for `<workspace>_<project>_<run>_<ns>/run_operations.sqlite3`; default NEPTUNE_LOG_DIRECTORY, else `.neptune`. */
  logDirectory: textOption({ defaultValue: undefined, environmentVariable: 'NEPTUNE_LOG_DIRECTORY' }),
  /** Per-request timeout in ms (async mode); default 30000; no env var. */
  requestTimeoutMs: integerOption({ minimum: 1, defaultValue: 30_000 }),
  /** How long connecting may retry before the run is kept offline instead, in ms; default 60000; no env var. */
  initTimeoutMs: integerOption({ minimum: 0, defaultValue: 60_000 }),
  /** Continuous failure after which sending stops and the database is left for sync, in ms; default 120000; no env var. */
  offlineDeadlineMs: integerOption({ minimum: 0, defaultValue: 120_000 }),
  /** Batching delay in ms (async mode); default 1000; no env var. */
  flushIntervalMs: integerOption({ minimum: 0, defaultValue: 1000 }),
  /** Retry back-off; default 500 ms doubling to 30 s with ±25% jitter; no env var. */
  retry: objectOption<Partial<RetryPolicy>>('a retry policy'),
  /**
   * Whether `createScaleRun()` waits for the server's handshake (client config + token exchange)
   * before it returns; default false: the run is usable at once, and a server that cannot be
   * reached or refuses the token leaves it offline for sync with a warning (neptune-scale's own
   * `Run` also connects in its background process). A malformed token is an error either way; no env var.
   */
  waitForHandshake: booleanOption(false),
  /** Environment the defaults are read from; default `process.env`; no env var. */
  environment: objectOption<Readonly<Record<string, string | undefined>>>(
    'an object of environment variables',
  ),
};

/** Options of `createScaleRun()`, `neptune_scale.Run(...)` in camelCase. */
export type CreateScaleRunOptions = DeclaredOptions<typeof createScaleRunDeclarations>;

/** `createScaleRun()`'s options after validation, the environment read and defaults applied. */
export type ResolvedCreateScaleRunOptions = DeclaredValues<typeof createScaleRunDeclarations>;
