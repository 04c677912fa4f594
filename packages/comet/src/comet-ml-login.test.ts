import { Secret, task } from '@tasklens/core';
import { createLocalContext, decoratorsOf, runInContext } from '@tasklens/core/plugin';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { remoteContext } from './__fixtures__/remote-context';
import { cometMlLogin } from './comet-ml-login';
import { loginArguments } from './login/login-arguments';

const mocks = vi.hoisted(() => ({ login: vi.fn(), start: vi.fn() }));
vi.mock('./settings/login-session', () => ({ login: mocks.login }));
vi.mock('./experiment/start-experiment', () => ({ start: mocks.start }));

/** A stand-in experiment, like flytekit's tests mock `comet_ml.login`. */
function fakeExperiment() {
  return { url: 'https://www.comet.com/w/p/k', end: vi.fn(async () => ({})) };
}

// flytekit's tests/test_comet_ml_init.py: `secret = Secret(key="abc", group="xyz")` at module level.
const secret = new Secret({ key: 'abc', group: 'xyz' });
const hostname = 'a423423423afasf4jigl-fasj4321-0';

beforeEach(() => {
  mocks.login.mockReset();
  mocks.start.mockReset();
  mocks.start.mockImplementation(async () => fakeExperiment());
});

describe('cometMlLogin extra config — flytekit-plugins §8.4 and test_extra_config', () => {
  const configOf = (experimentKey: string | undefined) =>
    decoratorsOf(
      cometMlLogin({ projectName: 'abc', workspace: 'my_workspace', experimentKey, secret })(async () => {}),
    )[0]!.extraConfig();

  it('uses the execution-id link with the suffix when no key is given', () => {
    const config = configOf(undefined);
    expect(config).toEqual({
      project_name: 'abc',
      workspace: 'my_workspace',
      host: 'https://www.comet.com',
      link_suffix: 'cd9c4f88b7',
      link_type: 'comet-ml-execution-id',
    });
    expect(config).not.toHaveProperty('experiment_key');
  });

  it('uses the custom-id link with the key when one is given', () => {
    const config = configOf('abc123dfassfasfsafsafd');
    expect(config).toEqual({
      project_name: 'abc',
      workspace: 'my_workspace',
      host: 'https://www.comet.com',
      experiment_key: 'abc123dfassfasfsafsafd',
      link_type: 'comet-ml-custom-id',
    });
    expect(config).not.toHaveProperty('link_suffix');
  });

  it('treats an empty key as custom in the link config (flytekit checks `is None`)', () => {
    expect(configOf('').link_type).toBe('comet-ml-custom-id');
  });
});

describe('cometMlLogin login arguments — flytekit-plugins §8.3 and test_*_execution', () => {
  it('local: project, workspace and the pass-through options, no key, secret untouched', async () => {
    const getter = vi.fn(() => 'never');
    const train = task(
      { name: 'train' },
      cometMlLogin({ projectName: 'abc', workspace: 'my-workspace', secret: getter, logCode: false })(
        async () => {},
      ),
    );
    await train({});
    expect(mocks.login).toHaveBeenLastCalledWith({
      projectName: 'abc',
      workspace: 'my-workspace',
      logCode: false,
    });
    expect(getter).not.toHaveBeenCalled();
  });

  it('local with a key: the key is passed as given', async () => {
    const local = createLocalContext();
    const options = {
      projectName: 'xyz',
      workspace: 'another-workspace',
      secret,
      experimentKey: 'my-previous-experiment-key',
    };
    expect(await loginArguments(options, local)).toEqual({
      projectName: 'xyz',
      workspace: 'another-workspace',
      experimentKey: 'my-previous-experiment-key',
    });
  });

  it('remote: API key from the Secret (key and group), key from HOSTNAME without dashes + suffix', async () => {
    const get = vi.fn(() => 'this_is_the_secret');
    const context = remoteContext({ HOSTNAME: hostname }, { get });
    const decorated = cometMlLogin({ projectName: 'abc', workspace: 'my-workspace', secret, logCode: false })(
      async () => 'done',
    );
    await expect(runInContext(context, () => decorated())).resolves.toBe('done');
    const call = mocks.login.mock.calls.at(-1)![0];
    expect(call).toEqual({
      projectName: 'abc',
      workspace: 'my-workspace',
      logCode: false,
      apiKey: 'this_is_the_secret',
      experimentKey: 'a423423423afasf4jiglfasj43210e99c96cc72',
    });
    expect(Object.keys(call)).toEqual(['projectName', 'workspace', 'logCode', 'apiKey', 'experimentKey']);
    expect(get).toHaveBeenCalledWith({ key: 'abc', group: 'xyz' });
  });

  it('remote with a callable secret', async () => {
    const context = remoteContext({ HOSTNAME: hostname });
    const options = {
      projectName: 'my_project',
      workspace: 'my_workspace',
      secret: () => 'my-comet-ml-api-key',
    };
    expect(await loginArguments(options, context)).toEqual({
      projectName: 'my_project',
      workspace: 'my_workspace',
      apiKey: 'my-comet-ml-api-key',
      experimentKey: 'a423423423afasf4jiglfasj43210eb156fcaf5',
    });
  });

  it('remote without HOSTNAME falls back to the execution name; an empty HOSTNAME still counts', async () => {
    const options = { projectName: 'abc', workspace: 'my-workspace', secret: async () => 'k' };
    expect((await loginArguments(options, remoteContext({}))).experimentKey).toBe(
      'my_execution_ide99c96cc72',
    );
    expect((await loginArguments(options, remoteContext({ HOSTNAME: '' }))).experimentKey).toBe('e99c96cc72');
  });

  it('remote: the secret overrides an apiKey given in the options; a falsy key is derived', async () => {
    const options = {
      projectName: 'abc',
      workspace: 'my-workspace',
      secret: () => 's',
      apiKey: 'given',
      experimentKey: '',
    };
    const result = await loginArguments(options, remoteContext({ HOSTNAME: hostname }));
    expect(result.apiKey).toBe('s');
    expect(result.experimentKey).toBe('a423423423afasf4jiglfasj43210e99c96cc72');
  });
});
