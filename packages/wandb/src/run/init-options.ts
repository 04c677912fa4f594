import { InvalidOptionError } from '@tasklens/core';
import {
  type DeclaredOptions,
  type DeclaredValues,
  declareOption,
  integerOption,
  type RetryPolicy,
} from '@tasklens/core/plugin';
import { defaultDurableFlushMs } from '../offline/run-journal';
import { validateProjectName, validateRunId, validateTags } from '../settings/validate-settings';
import { objectOption, textOption } from '../settings/wandb-option-declaration';

/** A run's mode after the SDK's aliases (`dryrun` is offline, `run` is online). */
export type WandbMode = 'online' | 'offline' | 'disabled';

const modes: Readonly<Record<string, WandbMode>> = {
  online: 'online',
  run: 'online',
  offline: 'offline',
  dryrun: 'offline',
  disabled: 'disabled',
};

/** One of a few words (the message is the SDK's own). */
function choiceOption<Choice extends string>(choices: readonly Choice[], defaultValue?: Choice) {
  return declareOption<Choice, Choice | undefined>({
    expected: `one of ${choices.join(', ')}`,
    defaultValue,
    validate(value, option) {
      if (!(choices as readonly unknown[]).includes(value)) {
        throw new InvalidOptionError({
          option,
          message: `${option} must be one of ${choices.join(', ')}, got ${String(value)}`,
        });
      }
      return value as Choice;
    },
  });
}

/**
 * Every option of `init()` (the SDK's `wandb.init` in camelCase), declared once: type, default,
 * environment variable and validation. `resolveSettings` reads them in the SDK's precedence (code,
 * `login()`, `WANDB_*`, then `~/.netrc` for the key).
 */
export const initOptionDeclarations = {
  /** `online`, `offline` or `disabled` (`dryrun` and `run` are the SDK's aliases); default WANDB_MODE (WANDB_DISABLED=true: disabled), else `online`. */
  mode: declareOption<WandbMode | 'dryrun' | 'run', WandbMode>({
    expected: 'one of online, offline, disabled',
    defaultValue: 'online',
    environmentVariable: 'WANDB_MODE',
    validate(value, option) {
      const mode = typeof value === 'string' ? modes[value] : undefined;
      if (mode === undefined) {
        throw new InvalidOptionError({
          option,
          message: `${option}: must be one of online, offline, disabled (WANDB_MODE), got ${JSON.stringify(value)}`,
        });
      }
      return mode;
    },
    parseEnvironment: (text) => text as WandbMode,
  }),
  /** Project; default WANDB_PROJECT, else `uncategorized`. */
  project: textOption(
    { defaultValue: 'uncategorized', environmentVariable: 'WANDB_PROJECT' },
    (project, option) => {
      validateProjectName(project, option);
      return project;
    },
  ),
  /** Entity (user or team); default WANDB_ENTITY, else the API key's default entity. */
  entity: textOption({ defaultValue: undefined, environmentVariable: 'WANDB_ENTITY' }),
  /** Run id; default 8 random `[a-z0-9]` characters; no env var. */
  id: textOption({ defaultValue: undefined }, (id, option) => {
    validateRunId(id, option);
    return id;
  }),
  /** Display name; default the run id (the service may assign one); no env var. */
  name: textOption({ defaultValue: undefined }),
  /** Run notes; default none; no env var. */
  notes: textOption({ defaultValue: undefined }),
  /** Tags (1–64 characters each); default none; no env var. */
  tags: declareOption<string[], undefined>({
    expected: 'an array of strings',
    defaultValue: undefined,
    validate: (tags, option) => validateTags(tags as string[], option),
  }),
  /** Initial config; default `{}`; no env var. */
  config: objectOption<Record<string, unknown>>('an object'),
  /** Run group; default none; no env var. */
  group: textOption({ defaultValue: undefined }),
  /** Job type; default none; no env var. */
  jobType: textOption({ defaultValue: undefined }),
  /** Directory under which `wandb/` is created; default WANDB_DIR, else the working directory. */
  dir: textOption({ defaultValue: undefined, environmentVariable: 'WANDB_DIR' }),
  /** `allow`: continue the run with this id if it exists; `must`: it has to exist; `never`: it must not. Default: no check; no env var. */
  resume: choiceOption(['allow', 'must', 'never']),
  /** API key; default from `login()`, then WANDB_API_KEY, then `~/.netrc`. */
  apiKey: textOption({ defaultValue: undefined, environmentVariable: 'WANDB_API_KEY', fromLogin: true }),
  /** API URL; default from `login()`, then WANDB_BASE_URL, else `https://api.wandb.ai`. */
  baseUrl: textOption({
    defaultValue: 'https://api.wandb.ai',
    environmentVariable: 'WANDB_BASE_URL',
    fromLogin: true,
  }),
  /** Per-request timeout in ms; default 30000; no env var. */
  requestTimeoutMs: integerOption({ minimum: 1, defaultValue: 30_000 }),
  /** How long creating the run may retry before the run falls back to offline, in ms; default 60000; no env var. */
  initTimeoutMs: integerOption({ minimum: 0, defaultValue: 60_000 }),
  /** Continuous failure after which a live run spills to its offline directory, in ms; default 120000; no env var. */
  offlineDeadlineMs: integerOption({ minimum: 0, defaultValue: 120_000 }),
  /** Batching delay for file_stream, in ms; default 1000; no env var. */
  flushIntervalMs: integerOption({ minimum: 0, defaultValue: 1000 }),
  /** Retry back-off for file_stream; default 500 ms doubling to 30 s with ±25% jitter; no env var. */
  retry: objectOption<Partial<RetryPolicy>>('a retry policy'),
  /**
   * `wrap` mirrors the process's stdout/stderr lines into the run (output.log online, output
   * records offline); `off` records only `run.logConsole()` lines. Default `off` (the Python SDK
   * captures by default; a library wrapping a Node process's streams uninvited would surprise). Env `WANDB_CONSOLE` (`wrap`, anything else is off).
   */
  console: declareOption<'wrap' | 'off', 'wrap' | 'off'>({
    ...choiceOption(['wrap', 'off'], 'off'),
    defaultValue: 'off',
    environmentVariable: 'WANDB_CONSOLE',
    parseEnvironment: (text) => (text === 'wrap' ? 'wrap' : 'off'),
  }),
  /** Longest time a logged record stays only in memory before it is in the `.wandb` file (kill -9 safety), in ms; default 1000; no env var. */
  durableFlushMs: integerOption({ minimum: 0, defaultValue: defaultDurableFlushMs }),
  /** Bound of the in-memory event queue; past it the run continues offline; default 100000 events; no env var. */
  maxQueuedEvents: integerOption({ minimum: 1, defaultValue: 100_000 }),
  /** Environment to read `WANDB_*` from; default the task context's environment, else `process.env`; no env var. */
  environment: objectOption<Readonly<Record<string, string | undefined>>>(
    'an object of environment variables',
  ),
};

/** Options of `init()`, the SDK's `wandb.init` in camelCase. */
export type InitOptions = DeclaredOptions<typeof initOptionDeclarations>;

/** `init()`'s options after validation, `login()` and the environment read, and defaults applied. */
export type ResolvedInitOptions = DeclaredValues<typeof initOptionDeclarations>;
