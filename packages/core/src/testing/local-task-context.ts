import { tmpdir } from 'node:os';
import { ExecutionContext } from '../context/execution-context';

/**
 * A context like the one a task run locally gets (`local-task` mode, execution `p/d/exec1`, task
 * `p/d/t` version `v`, node `n0`, every directory the system temp folder, decks on, an empty
 * environment), for tests that run a decorated task with `runInContext(context, () => task.execute(context, {}))`.
 */
export function localTaskContext(): ExecutionContext {
  return new ExecutionContext({
    mode: 'local-task',
    executionId: { project: 'p', domain: 'd', name: 'exec1' },
    taskId: { project: 'p', domain: 'd', name: 't', version: 'v' },
    nodeId: 'n0',
    retryAttempt: 0,
    environment: {},
    workingDirectory: tmpdir(),
    sandboxDirectory: tmpdir(),
    rawOutputPrefix: tmpdir(),
    enableDeck: true,
    taskName: 't',
  });
}
