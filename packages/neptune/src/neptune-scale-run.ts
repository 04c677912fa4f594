import type { Decorate, ExecutionContext } from '@tasklens/core';
import { createDecorator } from '@tasklens/core/plugin';
import { neptuneRunAttribute } from './current-run';
import { scaleFlyteConfigs } from './flyte-metadata';
import { resolveDecoratorOptions } from './neptune-option-declaration';
import {
  type NeptuneScaleRunOptions,
  neptuneScaleRunDeclarations,
  requiredNeptuneScaleRunOptions,
} from './neptune-scale-run-options';
import { resolveNeptuneSecret } from './resolve-neptune-secret';

export type { NeptuneScaleRunOptions } from './neptune-scale-run-options';

import { type CreateScaleRunOptions, createScaleRun } from './scale/create-scale-run';

/** Link type when the run id is the pod name (`{{ .podName }}`). */
export const NEPTUNE_SCALE_RUN_VALUE = 'neptune-scale-run';
/** Link type when a custom run id is given (`{{ .taskConfig.id }}`). */
export const NEPTUNE_SCALE_CUSTOM_VALUE = 'neptune-scale-custom-id';

/**
 * flytekit's `neptune_scale_run` (Neptune 3.x, `neptune-scale`): creates a run around the task
 * function and closes it after. Remotely the token comes from `secret`, the run id defaults to the
 * pod name, and one `logConfigs` carries the `flyte/*` keys. The run is `neptuneRun()` inside the
 * task. Unlike flytekit, a failing task still closes its run, marked failed.
 */
export function neptuneScaleRun(options: NeptuneScaleRunOptions): Decorate {
  const { project, secret, runId, experimentName } = resolveDecoratorOptions(
    neptuneScaleRunDeclarations,
    requiredNeptuneScaleRunOptions,
    options,
    'neptuneScaleRun',
  );
  const {
    project: _project,
    secret: _secret,
    runId: _runId,
    experimentName: _experimentName,
    ...runOptions
  } = options;
  return createDecorator({
    name: 'neptuneScaleRun',
    async execute<Result>(context: ExecutionContext, next: (child?: ExecutionContext) => Promise<Result>) {
      const createOptions: CreateScaleRunOptions = { project: project, ...runOptions };
      let id = runId;
      let metadata: Record<string, string> = {};
      if (!context.isLocal) {
        createOptions.apiToken = await resolveNeptuneSecret(context, secret);
        // flytekit tests the custom id for truthiness here (but `is None` in the link config).
        if (!id) id = context.defaultRunId;
        metadata = scaleFlyteConfigs(context);
      }
      if (id !== undefined) createOptions.runId = id;
      if (experimentName !== undefined) createOptions.experimentName = experimentName;
      createOptions.environment ??= context.environment;
      const run = await createScaleRun(createOptions);
      if (Object.keys(metadata).length > 0) run.logConfigs(metadata);
      let output: Result;
      try {
        output = await next(context.withAttribute(neptuneRunAttribute, run));
      } catch (error) {
        run.fail(error);
        await run.close();
        throw error;
      }
      await run.close();
      return output;
    },
    extraConfig() {
      const config: Record<string, string> = { project: project };
      if (runId === undefined) config.link_type = NEPTUNE_SCALE_RUN_VALUE;
      else {
        config.id = runId;
        config.link_type = NEPTUNE_SCALE_CUSTOM_VALUE;
      }
      return config;
    },
  });
}
