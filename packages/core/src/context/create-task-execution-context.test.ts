import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTaskExecutionContext, getOneOf } from './create-task-execution-context';

const sandbox = () => mkdtempSync(join(tmpdir(), 'tasklens-pod-'));

describe('createTaskExecutionContext (pod environment)', () => {
  it('reads ids from FLYTE_INTERNAL_*, the attempt, HOSTNAME, the execution URL and the prefixes', () => {
    const root = sandbox();
    const context = createTaskExecutionContext({
      environment: {
        FLYTE_SDK_LOCAL_SANDBOX: root,
        FLYTE_INTERNAL_EXECUTION_PROJECT: 'flytesnacks',
        FLYTE_INTERNAL_EXECUTION_DOMAIN: 'development',
        FLYTE_INTERNAL_EXECUTION_ID: 'ff59abade1e7f4758baf',
        FLYTE_INTERNAL_TASK_PROJECT: 'flytesnacks',
        FLYTE_INTERNAL_TASK_DOMAIN: 'development',
        FLYTE_INTERNAL_TASK_NAME: 'demo.train',
        FLYTE_INTERNAL_TASK_VERSION: 'v7',
        FLYTE_ATTEMPT_NUMBER: '2',
        HOSTNAME: 'ff59abade1e7f4758baf-n0-2',
        FLYTE_EXECUTION_URL:
          'https://console/projects/p/domains/d/executions/ff59abade1e7f4758baf/nodeId/n0-0-n1/nodes',
      },
      taskName: 'demo.train',
      rawOutputPrefix: 's3://b/data/5t/x',
      outputPrefix: 's3://b/meta/n0/data/2',
      checkpointPath: 's3://b/data/5t/x/_flytecheckpoints',
      previousCheckpointPath: undefined,
      enableDeck: true,
    });
    expect(context.mode).toBe('task-execution');
    expect(context.isLocal).toBe(false);
    expect(context.executionId).toEqual({
      project: 'flytesnacks',
      domain: 'development',
      name: 'ff59abade1e7f4758baf',
    });
    expect(context.taskId).toEqual({
      project: 'flytesnacks',
      domain: 'development',
      name: 'demo.train',
      version: 'v7',
    });
    expect(context.retryAttempt).toBe(2);
    expect(context.nodeId).toBe('n0-0-n1');
    expect(context.defaultRunId).toBe('ff59abade1e7f4758baf-n0-2');
    expect(context.taskName).toBe('train');
    expect(context.rawOutputPrefix).toBe('s3://b/data/5t/x');
    expect(context.outputMetadataPrefix).toBe('s3://b/meta/n0/data/2');
    expect(context.checkpoint).toEqual({
      path: 's3://b/data/5t/x/_flytecheckpoints',
      previousPath: undefined,
    });
    expect(context.workingDirectory).toMatch(new RegExp(`^${root}/local_flytekit/[0-9a-f]{32}$`));
    expect(context.enableDeck).toBe(true);
  });

  it("uses the _F_* aliases, and get_one_of's rule: the first present name wins even if empty", () => {
    const context = createTaskExecutionContext({
      environment: {
        FLYTE_SDK_LOCAL_SANDBOX: sandbox(),
        _F_PRJ: 'p',
        _F_DM: 'd',
        _F_NM: 'n',
        _F_TK_V: 'v1',
        FLYTE_INTERNAL_TASK_NAME: '',
        _F_TK_NM: 'alias',
      },
      taskName: 't',
    });
    expect(context.executionId).toEqual({ project: 'p', domain: 'd', name: 'n' });
    expect(context.taskId).toMatchObject({ name: '', version: 'v1' });
    expect(context.retryAttempt).toBe(0);
    expect(context.checkpoint).toBeUndefined();
    expect(context.defaultRunId).toBe('n');
    expect(getOneOf({ B: 'b' }, 'A', 'B')).toBe('b');
    expect(getOneOf({}, 'A', 'B')).toBe('');
  });
});
