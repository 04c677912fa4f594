import { currentContext, Secret, task, types } from '@tasklens/core';
import { runInContext } from '@tasklens/core/plugin';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { remoteContext } from './__fixtures__/remote-context';
import { SecretOfAnotherCore } from './__fixtures__/secret-of-another-core';
import { neptuneRun } from './current-run';
import { neptuneScaleRun } from './neptune-scale-run';

const mocks = vi.hoisted(() => ({ createScaleRun: vi.fn() }));
vi.mock('./scale/create-scale-run', () => ({ createScaleRun: mocks.createScaleRun }));

const secret = new Secret({ key: 'neptune_api_token', group: 'neptune_group' });

/** A stand-in run, like flytekit's tests mock `neptune_scale.Run`. */
function fakeRun() {
  return { logConfigs: vi.fn(), close: vi.fn(async () => ({ outcome: 'offline' })), fail: vi.fn() };
}

/** What `createScaleRun` was called with, without the environment snapshot we add. */
function runArguments(): Record<string, unknown> {
  const { environment, ...rest } = mocks.createScaleRun.mock.calls.at(-1)![0] as Record<string, unknown>;
  expect(environment).toBeDefined();
  return rest;
}

beforeEach(() => mocks.createScaleRun.mockReset());

describe('neptuneScaleRun — flytekit-plugins §8.6 vectors and test_neptune_scale_run.py', () => {
  it('extra config with run_id="my-task" is {project, id, link_type: neptune-scale-custom-id}', () => {
    const declared = task(
      { name: 'wf.my_task', outputs: types.boolean() },
      neptuneScaleRun({ project: 'flytekit/project', secret, runId: 'my-task' })(async () => true),
    );
    expect(declared.config()).toEqual({
      project: 'flytekit/project',
      id: 'my-task',
      link_type: 'neptune-scale-custom-id',
    });
    expect(Object.keys(declared.config())).toEqual(['project', 'id', 'link_type']);
  });

  it('extra config without run_id (even with experiment_name) is {project, link_type: neptune-scale-run}', () => {
    for (const options of [{}, { experimentName: 'my-experiment' }]) {
      const declared = task(
        { name: 'wf.my_task', outputs: types.boolean() },
        neptuneScaleRun({ project: 'flytekit/project', secret, ...options })(async () => true),
      );
      expect(declared.config()).toEqual({ project: 'flytekit/project', link_type: 'neptune-scale-run' });
      expect(Object.keys(declared.config())).toEqual(['project', 'link_type']);
    }
  });

  it('local: Run(run_id=None, experiment_name=None, project=...), no log_configs, run in the context', async () => {
    const run = fakeRun();
    mocks.createScaleRun.mockResolvedValue(run);
    const myTask = task(
      { name: 'wf.my_task', outputs: types.boolean() },
      neptuneScaleRun({ project: 'flytekit/project', secret })(async () => {
        return currentContext().getAttribute('NEPTUNE_RUN') === run && neptuneRun() === (run as never);
      }),
    );
    expect(await myTask()).toBe(true);
    expect(runArguments()).toEqual({ project: 'flytekit/project' });
    expect(run.logConfigs).not.toHaveBeenCalled();
    expect(run.close).toHaveBeenCalledTimes(1);
  });

  it('remote: run id from HOSTNAME, api token from the secret, one log_configs with the ten flyte/* keys in order', async () => {
    const run = fakeRun();
    mocks.createScaleRun.mockResolvedValue(run);
    const secrets = { get: vi.fn(() => 'this-is-my-api-token') };
    const context = remoteContext(
      {
        HOSTNAME: 'ff59abade1e7f4758baf-mainmytask-0',
        FLYTE_EXECUTION_URL: 'https://my-host.com/execution_url',
      },
      secrets,
      's3://bucket/metadata',
    );
    const myTask = neptuneScaleRun({ project: 'flytekit/project', secret })(async () => 'done');
    expect(await runInContext(context, () => myTask())).toBe('done');
    expect(secrets.get).toHaveBeenCalledWith({ key: 'neptune_api_token', group: 'neptune_group' });
    expect(runArguments()).toEqual({
      project: 'flytekit/project',
      runId: 'ff59abade1e7f4758baf-mainmytask-0',
      apiToken: 'this-is-my-api-token',
    });
    expect(run.logConfigs).toHaveBeenCalledTimes(1);
    const configs = run.logConfigs.mock.calls[0]![0] as Record<string, string>;
    expect(Object.keys(configs)).toEqual([
      'flyte/project',
      'flyte/domain',
      'flyte/name',
      'flyte/raw_output_prefix',
      'flyte/working_directory',
      'flyte/task/name',
      'flyte/task/project',
      'flyte/task/domain',
      'flyte/task/version',
      'flyte/execution_url',
    ]);
    expect(configs).toMatchObject({
      'flyte/project': 'flytesnacks',
      'flyte/name': 'ff59abade1e7f4758baf',
      'flyte/task/name': 'wf.my_task',
      'flyte/execution_url': 'https://my-host.com/execution_url',
    });
  });

  it('remote without HOSTNAME uses the execution name; an empty FLYTE_EXECUTION_URL is left out (truthiness)', async () => {
    const run = fakeRun();
    mocks.createScaleRun.mockResolvedValue(run);
    const context = remoteContext({ FLYTE_EXECUTION_URL: '' }, { get: vi.fn(() => 'token-value') });
    await runInContext(context, () =>
      neptuneScaleRun({ project: 'flytekit/project', secret })(async () => 1)(),
    );
    expect(runArguments().runId).toBe('ff59abade1e7f4758baf');
    expect(Object.keys(run.logConfigs.mock.calls[0]![0])).not.toContain('flyte/execution_url');
    expect(Object.keys(run.logConfigs.mock.calls[0]![0])).toHaveLength(9);
  });

  it('remote: an empty custom run id is replaced by the pod name (flytekit tests truthiness), a set one is kept', async () => {
    mocks.createScaleRun.mockResolvedValue(fakeRun());
    const context = remoteContext({ HOSTNAME: 'pod-1' }, { get: vi.fn(() => 'token-value') });
    await runInContext(context, () =>
      neptuneScaleRun({ project: 'w/p', secret, runId: '' })(async () => 1)(),
    );
    expect(runArguments().runId).toBe('pod-1');
    await runInContext(context, () =>
      neptuneScaleRun({ project: 'w/p', secret, runId: 'mine', experimentName: 'exp' })(async () => 1)(),
    );
    expect(runArguments()).toMatchObject({ runId: 'mine', experimentName: 'exp' });
  });

  it('_get_secret with a callable returns its value ("abc-123")', async () => {
    mocks.createScaleRun.mockResolvedValue(fakeRun());
    const context = remoteContext({ HOSTNAME: 'pod-1' });
    await runInContext(context, () =>
      neptuneScaleRun({ project: 'w/p', secret: () => 'abc-123' })(async () => 1)(),
    );
    expect(runArguments().apiToken).toBe('abc-123');
  });

  it('_get_secret with Secret(key="my_key", group="my_group") asks secrets.get(key, group)', async () => {
    mocks.createScaleRun.mockResolvedValue(fakeRun());
    const secrets = { get: vi.fn(() => 'my-secret-value') };
    const context = remoteContext({ HOSTNAME: 'pod-1' }, secrets);
    const mySecret = new Secret({ key: 'my_key', group: 'my_group' });
    await runInContext(context, () => neptuneScaleRun({ project: 'w/p', secret: mySecret })(async () => 1)());
    expect(secrets.get).toHaveBeenCalledWith({ key: 'my_key', group: 'my_group' });
    expect(runArguments().apiToken).toBe('my-secret-value');
  });

  it('a Secret made by another copy of @tasklens/core is accepted and looked up by key and group', async () => {
    mocks.createScaleRun.mockResolvedValue(fakeRun());
    const secrets = { get: vi.fn(() => 'token-of-the-pod') };
    const foreign = new SecretOfAnotherCore('my_group', 'my_key') as unknown as Secret;
    await runInContext(remoteContext({ HOSTNAME: 'pod-1' }, secrets), () =>
      neptuneScaleRun({ project: 'w/p', secret: foreign })(async () => 1)(),
    );
    expect(secrets.get).toHaveBeenCalledWith({ key: 'my_key', group: 'my_group' });
    expect(runArguments().apiToken).toBe('token-of-the-pod');
  });

  it('a secret of the wrong kind is an InvalidOptionError naming it when the decorator is written', () => {
    expect(() => neptuneScaleRun({ project: 'w/p', secret: 42 as never })).toThrow(
      expect.objectContaining({
        option: 'neptuneScaleRun.secret',
        message: 'neptuneScaleRun.secret must be a Secret or a function returning the API token, got number',
      }),
    );
  });

  it('passes the rest through and, unlike flytekit, closes a failed run marked failed before re-throwing', async () => {
    const run = fakeRun();
    mocks.createScaleRun.mockResolvedValue(run);
    const failing = neptuneScaleRun({ project: 'w/p', secret, mode: 'offline', logDirectory: '/tmp/x' })(
      async () => {
        throw new Error('boom');
      },
    );
    await expect(failing()).rejects.toThrow('boom');
    expect(runArguments()).toEqual({ project: 'w/p', mode: 'offline', logDirectory: '/tmp/x' });
    expect(run.fail).toHaveBeenCalledWith(expect.objectContaining({ message: 'boom' }));
    expect(run.close).toHaveBeenCalledTimes(1);
  });
});
