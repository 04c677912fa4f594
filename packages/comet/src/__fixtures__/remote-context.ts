import { ExecutionContext, type SecretsManager } from '@tasklens/core/plugin';

/** A Flyte task-execution context (flytekit's "remote"), like flytekit's tests mock it. */
export function remoteContext(
  environment: Record<string, string>,
  secrets?: Partial<SecretsManager>,
  executionName = 'my_execution_id',
): ExecutionContext {
  return new ExecutionContext({
    mode: 'task-execution',
    executionId: { project: 'p', domain: 'd', name: executionName },
    taskId: { project: 'p', domain: 'd', name: 'workflows.train', version: 'v' },
    nodeId: 'n0',
    retryAttempt: 0,
    environment,
    workingDirectory: '/tmp',
    sandboxDirectory: '/tmp',
    rawOutputPrefix: '/tmp/raw',
    enableDeck: false,
    taskName: 'train',
    secrets: secrets as SecretsManager | undefined,
  });
}
