import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { Deck } from '../decks/deck';
import { ExecutionContext } from './execution-context';
import {
  type ExecutionIdentifier,
  localExecutionIdentifier,
  localTaskIdentifier,
} from './execution-identifiers';
import type { ExecutionMode } from './execution-mode';
import { localSandboxDirectory } from './local-sandbox';

export interface LocalContextOptions {
  /** `local-task` (default) or `local-workflow`. */
  mode?: Exclude<ExecutionMode, 'task-execution'> | undefined;
  /** Task name used for log lines; default `local`. */
  taskName?: string | undefined;
  /** Whether decks are rendered; default false. */
  enableDeck?: boolean | undefined;
  /** Environment to read; default `process.env`. */
  environment?: Readonly<Record<string, string | undefined>> | undefined;
  /** Execution id; default `local`/`local`/`local`, as flytekit. */
  executionId?: ExecutionIdentifier | undefined;
  /** Node id inside a local workflow (`n0`, `n1`, …); default empty. */
  nodeId?: string | undefined;
  /** Decks list to share (a workflow shares nothing; a task starts empty). */
  decks?: Deck[] | undefined;
}

/**
 * The context of a local task run, built from defaults as flytekit does: local identifiers, a
 * per-run working directory under `<sandbox>/user_space`, raw outputs under `<sandbox>/raw`.
 */
export function createLocalContext(options: LocalContextOptions = {}): ExecutionContext {
  const environment = options.environment ?? process.env;
  const sandboxDirectory = localSandboxDirectory(environment);
  const userSpace = join(sandboxDirectory, 'user_space');
  mkdirSync(userSpace, { recursive: true });
  const taskName = options.taskName ?? 'local';
  return new ExecutionContext({
    mode: options.mode ?? 'local-task',
    executionId: options.executionId ?? localExecutionIdentifier,
    taskId: localTaskIdentifier,
    nodeId: options.nodeId ?? '',
    retryAttempt: 0,
    environment,
    sandboxDirectory,
    workingDirectory: mkdtempSync(join(userSpace, 'task-')),
    rawOutputPrefix: join(sandboxDirectory, 'raw'),
    enableDeck: options.enableDeck ?? false,
    taskName: taskName.split('.').at(-1) ?? taskName,
    decks: options.decks,
  });
}
