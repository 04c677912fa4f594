import { AsyncLocalStorage } from 'node:async_hooks';
import { type Decorate, type ExecutionContext, InvalidOptionError } from '@tasklens/core';
import { createDecorator, readSecretSource, registerSecretValue } from '@tasklens/core/plugin';
import { wandbRunAttribute } from './run/current-run';
import { init } from './run/init-run';
import { login } from './settings/wandb-session';
import { type Downloadable, resolveWandbInitOptions, type WandbInitOptions } from './wandb-init-options';

/** Link type when the run id is the pod name (`{{ .podName }}` in the Flyte link template). */
export const WANDB_EXECUTION_TYPE_VALUE = 'wandb-execution-id';
/** Link type when a custom run id is given (`{{ .taskConfig.id }}`). */
export const WANDB_CUSTOM_TYPE_VALUE = 'wandb-custom-id';

export type { Downloadable, WandbInitOptions } from './wandb-init-options';

/**
 * flytekit's `wandb_init`: starts a W&B run around the task function and finishes it after.
 * Remotely the API key comes from `secret`, the login uses `apiHost`, and the run id defaults to
 * the pod name; `FLYTE_EXECUTION_URL` is prepended to the notes. Unlike flytekit, a failing task
 * still finishes its run (exit code 1, state failed) before the error propagates, and the run is
 * also exposed to the function as `wandbRun()`.
 */
export function wandbInit(options: WandbInitOptions): Decorate {
  const { project, entity, secret, id, host, apiHost } = resolveWandbInitOptions(options);
  const {
    project: _project,
    entity: _entity,
    secret: _secret,
    id: _id,
    host: _host,
    apiHost: _apiHost,
    ...initOptions
  } = options;
  const callArguments = new AsyncLocalStorage<readonly unknown[]>();

  const decorate = createDecorator({
    name: 'wandbInit',
    async execute<Result>(context: ExecutionContext, next: (child?: ExecutionContext) => Promise<Result>) {
      let runId = id;
      if (!context.isLocal) {
        const apiKey = await readSecretSource(secret, context.secrets);
        registerSecretValue(apiKey);
        login({ key: apiKey, host: apiHost });
        runId ??= context.defaultRunId;
      }
      const dir = await resolveDirectory(initOptions.dir, callArguments.getStore() ?? []);
      const run = await init({
        ...initOptions,
        project,
        entity,
        id: runId,
        dir,
        environment: initOptions.environment ?? context.environment,
      });
      const executionUrl = context.executionUrl;
      if (executionUrl !== undefined) {
        const notes = [`[Execution URL](${executionUrl})`];
        if (run.notes) notes.push(run.notes);
        run.notes = notes.join('\n');
      }
      let output: Result;
      try {
        output = await next(context.withAttribute(wandbRunAttribute, run));
      } catch (error) {
        await run.finish({ exitCode: 1 });
        throw error;
      }
      await run.finish();
      return output;
    },
    extraConfig() {
      const config: Record<string, string> = { project, entity, host };
      if (id === undefined) config.link_type = WANDB_EXECUTION_TYPE_VALUE;
      else {
        config.id = id;
        config.link_type = WANDB_CUSTOM_TYPE_VALUE;
      }
      return config;
    },
  });

  // The task's inputs are only visible to the wrapper, so it hands them to execute() for `dir`.
  const withArguments = (fn: (...args: any[]) => any) => {
    const decorated = decorate(fn);
    const wrapper = function (this: unknown, ...args: unknown[]) {
      return callArguments.run(args, () => decorated.apply(this, args as never));
    };
    for (const key of Reflect.ownKeys(decorated)) {
      if (key === 'prototype') continue;
      Object.defineProperty(wrapper, key, Object.getOwnPropertyDescriptor(decorated, key)!);
    }
    return wrapper;
  };
  return withArguments as unknown as Decorate;
}

/** flytekit's `dir` rule: a string naming a task input is replaced by that input; anything with `download()` is downloaded. */
async function resolveDirectory(
  dir: WandbInitOptions['dir'],
  args: readonly unknown[],
): Promise<string | undefined> {
  if (dir === undefined) return undefined;
  let value: unknown = dir;
  const inputs = args[0];
  if (
    typeof dir === 'string' &&
    typeof inputs === 'object' &&
    inputs !== null &&
    Object.hasOwn(inputs, dir)
  ) {
    value = (inputs as Record<string, unknown>)[dir];
  }
  if (typeof (value as Downloadable | undefined)?.download === 'function')
    return await (value as Downloadable).download();
  if (typeof value !== 'string') {
    throw new InvalidOptionError({
      option: 'dir',
      message: 'dir must be a path, the name of a task input, or have download()',
    });
  }
  return value;
}
