import { Secret, task, types } from '@tasklens/core';
import { ExecutionContext, runInContext, type SecretsManager } from '@tasklens/core/plugin';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wandbInit } from './wandb-init';

const mocks = vi.hoisted(() => ({ init: vi.fn(), login: vi.fn() }));
vi.mock('./run/init-run', () => ({ init: mocks.init }));
vi.mock('./settings/wandb-session', () => ({ login: mocks.login }));

const secret = new Secret({ key: 'abc', group: 'xyz' });

/** A stand-in run, like flytekit's tests mock `wandb.init`'s return value. */
function fakeRun(notes = '') {
  return { notes, finish: vi.fn(async () => ({ exitCode: 0, outcome: 'offline' })), finished: false };
}

/** What `init` was called with, without our extras that flytekit's `wandb.init` call does not have. */
function initArguments(): Record<string, unknown> {
  const { environment, dir, ...rest } = mocks.init.mock.calls.at(-1)![0] as Record<string, unknown>;
  expect(dir).toBeUndefined();
  expect(environment).toBeDefined();
  return rest;
}

function remoteContext(
  environment: Record<string, string>,
  secrets?: Partial<SecretsManager>,
): ExecutionContext {
  return new ExecutionContext({
    mode: 'task-execution',
    executionId: { project: 'p', domain: 'd', name: 'my_execution_id' },
    taskId: { project: 'p', domain: 'd', name: 't', version: 'v' },
    nodeId: 'n0',
    retryAttempt: 0,
    environment,
    workingDirectory: '/tmp',
    sandboxDirectory: '/tmp',
    rawOutputPrefix: '/tmp/raw',
    enableDeck: false,
    taskName: 't',
    secrets: secrets as SecretsManager | undefined,
  });
}

beforeEach(() => {
  mocks.init.mockReset();
  mocks.login.mockReset();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe('wandbInit — flytekit-plugins §8.5 vectors', () => {
  it.each([
    [
      undefined,
      { project: 'abc', entity: 'xyz', host: 'https://my_org.wandb.org', link_type: 'wandb-execution-id' },
    ],
    [
      'abc123',
      {
        project: 'abc',
        entity: 'xyz',
        host: 'https://my_org.wandb.org',
        id: 'abc123',
        link_type: 'wandb-custom-id',
      },
    ],
  ])('extra config with id=%s', (id, expected) => {
    const decorate = wandbInit({
      project: 'abc',
      entity: 'xyz',
      secret,
      id,
      host: 'https://my_org.wandb.org',
    });
    const train = decorate(async () => 'done');
    const declared = task({ name: 'wf.train', outputs: types.string() }, train);
    expect(declared.config()).toEqual(expected);
    expect(Object.keys(declared.config())).toEqual(Object.keys(expected));
  });

  it('defaults host to https://wandb.ai and api host to https://api.wandb.ai', async () => {
    const declared = task(
      { name: 'train', outputs: types.integer() },
      wandbInit({ project: 'abc', entity: 'xyz', secret })(async () => 1),
    );
    expect(declared.config().host).toBe('https://wandb.ai');
    mocks.init.mockResolvedValue(fakeRun());
    const secrets = { get: vi.fn(() => 'this_is_the_secret') };
    await runInContext(remoteContext({}, secrets), () =>
      wandbInit({ project: 'abc', entity: 'xyz', secret })(async () => 1)(),
    );
    expect(mocks.login).toHaveBeenCalledWith({ key: 'this_is_the_secret', host: 'https://api.wandb.ai' });
  });

  it('local: init(project="abc", entity="xyz", id=None, tags=["my_tag"]) and no login', async () => {
    mocks.init.mockResolvedValue(fakeRun());
    const train = task(
      { name: 'train', outputs: types.string() },
      wandbInit({ project: 'abc', entity: 'xyz', secret, tags: ['my_tag'] })(async () => 'ok'),
    );
    expect(await train()).toBe('ok');
    const args = initArguments();
    expect(args).toEqual({ project: 'abc', entity: 'xyz', id: undefined, tags: ['my_tag'] });
    expect('id' in args).toBe(true);
    expect(mocks.login).not.toHaveBeenCalled();
  });

  it('local with id="1234": init(project="abc", entity="xyz", id="1234", tags=["my_tag"])', async () => {
    mocks.init.mockResolvedValue(fakeRun());
    await task(
      { name: 'train', outputs: types.string() },
      wandbInit({ project: 'abc', entity: 'xyz', secret, tags: ['my_tag'], id: '1234' })(async () => 'ok'),
    )();
    expect(initArguments()).toEqual({ project: 'abc', entity: 'xyz', id: '1234', tags: ['my_tag'] });
    expect(mocks.login).not.toHaveBeenCalled();
  });

  it('remote: secret lookup, login, execution name as id, execution URL as notes', async () => {
    const run = fakeRun('');
    mocks.init.mockResolvedValue(run);
    const secrets = { get: vi.fn(() => 'this_is_the_secret') };
    const context = remoteContext(
      { FLYTE_EXECUTION_URL: 'http://execution_url.com/afsdfsafafasdfs' },
      secrets,
    );
    const train = wandbInit({ project: 'abc', entity: 'xyz', secret, tags: ['my_tag'] })(
      async () => 'remote',
    );
    expect(await runInContext(context, () => train())).toBe('remote');
    expect(secrets.get).toHaveBeenCalledWith({ key: 'abc', group: 'xyz' });
    expect(mocks.login).toHaveBeenCalledWith({ key: 'this_is_the_secret', host: 'https://api.wandb.ai' });
    expect(initArguments()).toEqual({
      project: 'abc',
      entity: 'xyz',
      id: 'my_execution_id',
      tags: ['my_tag'],
    });
    expect(run.notes).toBe('[Execution URL](http://execution_url.com/afsdfsafafasdfs)');
    expect(run.finish).toHaveBeenCalledWith();
  });

  it('remote: HOSTNAME (the pod name) wins over the execution name as default id', async () => {
    mocks.init.mockResolvedValue(fakeRun());
    const secrets = { get: vi.fn(() => 'this_is_the_secret') };
    await runInContext(remoteContext({ HOSTNAME: 'ff59abade1e7f4758baf-n0-0' }, secrets), () =>
      wandbInit({ project: 'abc', entity: 'xyz', secret })(async () => 1)(),
    );
    expect(initArguments().id).toBe('ff59abade1e7f4758baf-n0-0');
  });

  it('prepends the execution URL to existing notes with os.linesep', async () => {
    vi.stubEnv('FLYTE_EXECUTION_URL', 'U');
    const run = fakeRun('old');
    mocks.init.mockResolvedValue(run);
    await task(
      { name: 'train', outputs: types.integer() },
      wandbInit({ project: 'abc', entity: 'xyz', secret })(async () => 1),
    )();
    expect(run.notes).toBe('[Execution URL](U)\nold');
  });

  it('an empty FLYTE_EXECUTION_URL still counts (flytekit checks `is not None`)', async () => {
    vi.stubEnv('FLYTE_EXECUTION_URL', '');
    const run = fakeRun('');
    mocks.init.mockResolvedValue(run);
    await task(
      { name: 'train', outputs: types.integer() },
      wandbInit({ project: 'abc', entity: 'xyz', secret })(async () => 1),
    )();
    expect(run.notes).toBe('[Execution URL]()');
  });

  it('remote with a callable secret: login(key="my-wandb-api-key"), init(..., id="1234", tags=["my_tag"])', async () => {
    mocks.init.mockResolvedValue(fakeRun());
    const getSecret = vi.fn(() => 'my-wandb-api-key');
    const train = wandbInit({
      project: 'my_project',
      entity: 'my_entity',
      secret: getSecret,
      tags: ['my_tag'],
      id: '1234',
    })(async () => 1);
    await runInContext(remoteContext({}), () => train());
    expect(getSecret).toHaveBeenCalledWith();
    expect(mocks.login).toHaveBeenCalledWith({ key: 'my-wandb-api-key', host: 'https://api.wandb.ai' });
    expect(initArguments()).toEqual({
      project: 'my_project',
      entity: 'my_entity',
      id: '1234',
      tags: ['my_tag'],
    });
  });

  it.each([
    [{}, 'project', 'project must be set'],
    [{ project: 'abc' }, 'entity', 'entity must be set'],
    [{ project: 'abc', entity: 'xyz' }, 'secret', 'secret must be set'],
  ])('validation %j → %s: %s', (options, option, message) => {
    expect(() => wandbInit(options as never)).toThrow(expect.objectContaining({ option, message }));
  });

  it('a secret of the wrong kind is an InvalidOptionError saying what it must be', () => {
    expect(() => wandbInit({ project: 'abc', entity: 'xyz', secret: 'the key itself' as never })).toThrow(
      expect.objectContaining({
        option: 'wandbInit.secret',
        message: 'wandbInit.secret must be a Secret or a function returning the API key, got string',
      }),
    );
  });

  it('accepts empty strings as flytekit does (`is None` checks)', () => {
    expect(() => wandbInit({ project: '', entity: '', secret })).not.toThrow();
  });

  it('on an exception finishes the run with exit code 1 and re-throws (an improvement over flytekit)', async () => {
    const run = fakeRun();
    mocks.init.mockResolvedValue(run);
    const failing = task(
      { name: 'train' },
      wandbInit({ project: 'abc', entity: 'xyz', secret })(async () => {
        throw new RangeError('diverged');
      }),
    );
    await expect(failing()).rejects.toThrow('diverged');
    expect(run.finish).toHaveBeenCalledWith({ exitCode: 1 });
  });

  it('dir naming a task input is replaced by that input; a downloadable value is downloaded', async () => {
    mocks.init.mockResolvedValue(fakeRun());
    const train = wandbInit({ project: 'abc', entity: 'xyz', secret, dir: 'output_dir' })(
      async (inputs: { output_dir: unknown }) => inputs,
    );
    await train({ output_dir: '/data/runs' });
    expect(mocks.init.mock.calls.at(-1)![0].dir).toBe('/data/runs');
    await train({ output_dir: { download: async () => '/downloaded/dir' } });
    expect(mocks.init.mock.calls.at(-1)![0].dir).toBe('/downloaded/dir');
    const plain = wandbInit({ project: 'abc', entity: 'xyz', secret, dir: '/fixed' })(async () => 1);
    await plain();
    expect(mocks.init.mock.calls.at(-1)![0].dir).toBe('/fixed');
  });
});
