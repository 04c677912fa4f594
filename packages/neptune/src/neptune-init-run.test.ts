import { currentContext, Secret, task, types } from '@tasklens/core';
import { runInContext } from '@tasklens/core/plugin';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { remoteContext } from './__fixtures__/remote-context';
import { SecretOfAnotherCore } from './__fixtures__/secret-of-another-core';
import { neptuneInitRun } from './neptune-init-run';

const mocks = vi.hoisted(() => ({ initRun: vi.fn() }));
vi.mock('./legacy/init-run', () => ({ initRun: mocks.initRun }));

const secret = new Secret({ key: 'neptune_api_token', group: 'neptune_group' });

/** A stand-in run whose item assignments are recorded, like flytekit's MagicMock run. */
function fakeRun() {
  const assigned = new Map<string, unknown>();
  return {
    assigned,
    assign: vi.fn((key: string, value: unknown) => assigned.set(key, value)),
    stop: vi.fn(async () => ({ outcome: 'offline' })),
    fail: vi.fn(),
  };
}

function initArguments(): Record<string, unknown> {
  const { environment, ...rest } = mocks.initRun.mock.calls.at(-1)![0] as Record<string, unknown>;
  expect(environment).toBeDefined();
  return rest;
}

beforeEach(() => mocks.initRun.mockReset());

describe('neptuneInitRun — flytekit-plugins §8.6 vectors and test_neptune_init_run.py', () => {
  it('extra config is {host: https://app.neptune.ai, project, link_type: neptune-run-id}, in that order', () => {
    const declared = task(
      { name: 'wf.my_task', outputs: types.boolean() },
      neptuneInitRun({ project: 'flytekit/project', secret, tags: ['my-tag'] })(async () => true),
    );
    expect(declared.config()).toEqual({
      host: 'https://app.neptune.ai',
      project: 'flytekit/project',
      link_type: 'neptune-run-id',
    });
    expect(Object.keys(declared.config())).toEqual(['host', 'project', 'link_type']);
    const selfHosted = neptuneInitRun({ project: 'w/p', secret, host: 'https://neptune.example.org' });
    expect(
      task(
        { name: 't', outputs: types.boolean() },
        selfHosted(async () => true),
      ).config().host,
    ).toBe('https://neptune.example.org');
  });

  it('local: init_run(project="flytekit/project", tags=["my-tag"]), no flyte/* attributes, run in the context', async () => {
    const run = fakeRun();
    mocks.initRun.mockResolvedValue(run);
    const myTask = task(
      { name: 'wf.my_task', outputs: types.boolean() },
      neptuneInitRun({ project: 'flytekit/project', secret, tags: ['my-tag'] })(
        async () => currentContext().getAttribute('NEPTUNE_RUN') === run,
      ),
    );
    expect(await myTask()).toBe(true);
    expect(initArguments()).toEqual({ project: 'flytekit/project', tags: ['my-tag'] });
    expect(run.assign).not.toHaveBeenCalled();
    expect(run.stop).toHaveBeenCalledTimes(1);
  });

  it('remote: api_token from the secret, flyte/* attributes in flytekit order with HOSTNAME as execution id', async () => {
    const run = fakeRun();
    mocks.initRun.mockResolvedValue(run);
    const secrets = { get: vi.fn(() => 'this-is-my-api-token') };
    const context = remoteContext(
      {
        HOSTNAME: 'ff59abade1e7f4758baf-mainmytask-0',
        FLYTE_EXECUTION_URL: 'https://my-host.com/execution_url',
      },
      secrets,
      's3://bucket/metadata',
    );
    const myTask = neptuneInitRun({ project: 'flytekit/project', secret, tags: ['my-tag'] })(
      async () => 'ok',
    );
    expect(await runInContext(context, () => myTask())).toBe('ok');
    expect(initArguments()).toEqual({
      project: 'flytekit/project',
      tags: ['my-tag'],
      apiToken: 'this-is-my-api-token',
    });
    expect(run.assigned.get('flyte/execution_id')).toBe('ff59abade1e7f4758baf-mainmytask-0');
    expect(run.assigned.get('flyte/execution_url')).toBe('https://my-host.com/execution_url');
    expect([...run.assigned.keys()]).toEqual([
      'flyte/execution_id',
      'flyte/project',
      'flyte/domain',
      'flyte/name',
      'flyte/raw_output_prefix',
      'flyte/output_metadata_prefix',
      'flyte/working_directory',
      'flyte/task/name',
      'flyte/task/project',
      'flyte/task/domain',
      'flyte/task/version',
      'flyte/execution_url',
    ]);
    expect(run.assigned.get('flyte/output_metadata_prefix')).toBe('s3://bucket/metadata');
  });

  it('remote: no HOSTNAME → the execution name; an empty FLYTE_EXECUTION_URL still counts (`is not None`)', async () => {
    const run = fakeRun();
    mocks.initRun.mockResolvedValue(run);
    const context = remoteContext({ FLYTE_EXECUTION_URL: '' }, { get: vi.fn(() => 'token-value') });
    await runInContext(context, () => neptuneInitRun({ project: 'w/p', secret })(async () => 1)());
    expect(run.assigned.get('flyte/execution_id')).toBe('ff59abade1e7f4758baf');
    expect(run.assigned.has('flyte/execution_url')).toBe(true);
    expect(run.assigned.get('flyte/execution_url')).toBe('');
  });

  it('a user-supplied apiToken is overridden by the secret remotely (flytekit overwrites the kwarg)', async () => {
    mocks.initRun.mockResolvedValue(fakeRun());
    const context = remoteContext({ HOSTNAME: 'pod' }, { get: vi.fn(() => 'from-secret') });
    const options = { project: 'w/p', secret, apiToken: 'from-user' } as Parameters<typeof neptuneInitRun>[0];
    await runInContext(context, () => neptuneInitRun(options)(async () => 1)());
    expect(initArguments().apiToken).toBe('from-secret');
  });

  it('_get_secret: a callable gives "abc-123"; Secret(key="my_key", group="my_group") asks secrets.get', async () => {
    mocks.initRun.mockResolvedValue(fakeRun());
    await runInContext(remoteContext({ HOSTNAME: 'pod' }), () =>
      neptuneInitRun({ project: 'w/p', secret: () => 'abc-123' })(async () => 1)(),
    );
    expect(initArguments().apiToken).toBe('abc-123');
    const secrets = { get: vi.fn(() => 'my-secret-value') };
    await runInContext(remoteContext({ HOSTNAME: 'pod' }, secrets), () =>
      neptuneInitRun({ project: 'w/p', secret: new Secret({ key: 'my_key', group: 'my_group' }) })(
        async () => 1,
      )(),
    );
    expect(secrets.get).toHaveBeenCalledWith({ key: 'my_key', group: 'my_group' });
    expect(initArguments().apiToken).toBe('my-secret-value');
  });

  it('a Secret made by another copy of @tasklens/core is accepted and looked up by key and group', async () => {
    mocks.initRun.mockResolvedValue(fakeRun());
    const foreign = new SecretOfAnotherCore('my_group', 'my_key');
    expect(foreign instanceof Secret).toBe(false);
    const secrets = { get: vi.fn(() => 'token-of-the-pod') };
    await runInContext(remoteContext({ HOSTNAME: 'pod' }, secrets), () =>
      neptuneInitRun({ project: 'w/p', secret: foreign as unknown as Secret })(async () => 1)(),
    );
    expect(secrets.get).toHaveBeenCalledWith({ key: 'my_key', group: 'my_group' });
    expect(initArguments().apiToken).toBe('token-of-the-pod');
  });

  it('a secret of the wrong kind is an InvalidOptionError naming it when the decorator is written', () => {
    expect(() => neptuneInitRun({ project: 'w/p', secret: 'the-token-itself' as never })).toThrow(
      expect.objectContaining({
        option: 'neptuneInitRun.secret',
        message: 'neptuneInitRun.secret must be a Secret or a function returning the API token, got string',
      }),
    );
  });

  it('unlike flytekit, a failing task marks the run failed and still stops it before re-throwing', async () => {
    const run = fakeRun();
    mocks.initRun.mockResolvedValue(run);
    const failing = neptuneInitRun({ project: 'w/p', secret, mode: 'offline' })(async () => {
      throw new Error('boom');
    });
    await expect(failing()).rejects.toThrow('boom');
    expect(run.fail).toHaveBeenCalledWith(expect.objectContaining({ message: 'boom' }));
    expect(run.stop).toHaveBeenCalledTimes(1);
  });
});
