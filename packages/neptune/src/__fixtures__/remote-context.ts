import { ExecutionContext, type SecretsManager } from '@tasklens/core/plugin';

/** A remote (task-execution) context like flytekit's neptune tests build with mocks. */
export function remoteContext(
  environment: Record<string, string>,
  secrets?: Partial<SecretsManager>,
  outputMetadataPrefix?: string,
): ExecutionContext {
  return new ExecutionContext({
    mode: 'task-execution',
    executionId: { project: 'flytesnacks', domain: 'development', name: 'ff59abade1e7f4758baf' },
    taskId: { project: 'flytesnacks', domain: 'development', name: 'wf.my_task', version: 'v1' },
    nodeId: 'n0',
    retryAttempt: 0,
    environment,
    workingDirectory: '/tmp/work',
    sandboxDirectory: '/tmp',
    rawOutputPrefix: 's3://bucket/raw',
    outputMetadataPrefix,
    enableDeck: false,
    taskName: 'my_task',
    ...(secrets === undefined ? {} : { secrets: secrets as SecretsManager }),
  });
}
