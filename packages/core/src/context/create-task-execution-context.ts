import { ExecutionContext } from './execution-context';
import { localSandboxDirectory, randomLocalDirectory } from './local-sandbox';

export interface TaskExecutionContextOptions {
  /** The pod environment (`FLYTE_INTERNAL_*`, `HOSTNAME`, …); default `process.env`. */
  environment?: Readonly<Record<string, string | undefined>>;
  /** Fully qualified task name; its last dotted component names log lines and deck messages. */
  taskName: string;
  /** `--raw-output-data-prefix`: where blobs the task produces go; default `<sandbox>/raw`. */
  rawOutputPrefix?: string | undefined;
  /** `--output-prefix`: where outputs.pb, error.pb and deck.html go. */
  outputPrefix?: string | undefined;
  /** `--checkpoint-path`; absent means no checkpoint. */
  checkpointPath?: string | undefined;
  /** `--prev-checkpoint`; absent when Flyte rendered `""`. */
  previousCheckpointPath?: string | undefined;
  /** Whether the task renders decks; default false. */
  enableDeck?: boolean;
}

/**
 * flytekit's `get_one_of`: the value of the first variable that is present (even if empty), else
 * `""`. Propeller sets the long `FLYTE_INTERNAL_*` names; newer flytekit serialisation uses the
 * short `_F_*` aliases.
 */
export function getOneOf(
  environment: Readonly<Record<string, string | undefined>>,
  ...names: string[]
): string {
  for (const name of names) {
    const value = environment[name];
    if (value !== undefined) return value;
  }
  return '';
}

/** The unique node id at the end of `FLYTE_EXECUTION_URL` (`…/nodeId/<id>/nodes`), if present. */
function nodeIdFromExecutionUrl(url: string | undefined): string {
  const match = url === undefined ? null : /\/nodeId\/([^/]+)\/nodes\/?$/.exec(url);
  return match === null ? '' : decodeURIComponent(match[1]!);
}

/**
 * The context of a task running in a Flyte pod (mode `task-execution`), built from the environment
 * propeller sets, as flytekit's entrypoint `setup_execution` does: execution and task ids from
 * `FLYTE_INTERNAL_*` (with `_F_*` aliases), the retry attempt from `FLYTE_ATTEMPT_NUMBER`, a fresh
 * working directory under the local sandbox, and the prefixes from the command line.
 */
export function createTaskExecutionContext(options: TaskExecutionContextOptions): ExecutionContext {
  const environment = options.environment ?? process.env;
  const sandboxDirectory = localSandboxDirectory(environment);
  const attempt = Number.parseInt(environment.FLYTE_ATTEMPT_NUMBER ?? '0', 10);
  return new ExecutionContext({
    mode: 'task-execution',
    executionId: {
      project: getOneOf(environment, 'FLYTE_INTERNAL_EXECUTION_PROJECT', '_F_PRJ'),
      domain: getOneOf(environment, 'FLYTE_INTERNAL_EXECUTION_DOMAIN', '_F_DM'),
      name: getOneOf(environment, 'FLYTE_INTERNAL_EXECUTION_ID', '_F_NM'),
    },
    taskId: {
      project: getOneOf(environment, 'FLYTE_INTERNAL_TASK_PROJECT', '_F_TK_PRJ'),
      domain: getOneOf(environment, 'FLYTE_INTERNAL_TASK_DOMAIN', '_F_TK_DM'),
      name: getOneOf(environment, 'FLYTE_INTERNAL_TASK_NAME', '_F_TK_NM'),
      version: getOneOf(environment, 'FLYTE_INTERNAL_TASK_VERSION', '_F_TK_V'),
    },
    nodeId: nodeIdFromExecutionUrl(environment.FLYTE_EXECUTION_URL),
    retryAttempt: Number.isInteger(attempt) && attempt >= 0 ? attempt : 0,
    environment,
    sandboxDirectory,
    workingDirectory: randomLocalDirectory(sandboxDirectory),
    rawOutputPrefix: options.rawOutputPrefix ?? `${sandboxDirectory}/raw`,
    outputMetadataPrefix: options.outputPrefix,
    checkpoint:
      options.checkpointPath === undefined
        ? undefined
        : { path: options.checkpointPath, previousPath: options.previousCheckpointPath },
    enableDeck: options.enableDeck ?? false,
    taskName: options.taskName.split('.').at(-1) ?? options.taskName,
  });
}
