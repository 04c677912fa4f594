import type { Decorate, ExecutionContext } from '@tasklens/core';
import { createDecorator } from '@tasklens/core/plugin';
import { neptuneRunAttribute } from './current-run';
import { legacyFlyteAttributes } from './flyte-metadata';
import { type InitRunOptions, initRun } from './legacy/init-run';
import {
  type NeptuneInitRunOptions,
  neptuneInitRunDeclarations,
  requiredNeptuneInitRunOptions,
} from './neptune-init-run-options';
import { resolveDecoratorOptions } from './neptune-option-declaration';
import { resolveNeptuneSecret } from './resolve-neptune-secret';

export type { NeptuneInitRunOptions } from './neptune-init-run-options';

/** Link type of the legacy plugin (a Neptune query on `flyte/execution_id`). */
export const NEPTUNE_RUN_VALUE = 'neptune-run-id';

/**
 * The `neptune-run-id` link Flyte's console renders from this decorator's config: a Neptune query
 * for the run whose `flyte/execution_id` is `<execution>-<node>-<attempt>`.
 */
export function legacyConsoleUrl(host: string, project: string, context: ExecutionContext): string {
  const executionId = `${context.executionId.name}-${context.nodeId}-${context.retryAttempt}`;
  return `${host}/${project}?query=(%60flyte%2Fexecution_id%60%3Astring%20%3D%20%22${executionId}%22)&lbViewUnpacked=true`;
}

/**
 * flytekit's `neptune_init_run` (Neptune 2.x servers, client 1.x): starts a run around the task
 * function and stops it after. Remotely the API token comes from `secret` and the `flyte/*`
 * attributes are assigned in flytekit's order. The run is `neptuneRun()` inside the task.
 * Unlike flytekit, a failing task still stops its run, with `sys/failed = true`.
 */
export function neptuneInitRun(options: NeptuneInitRunOptions): Decorate {
  const { project, secret, host } = resolveDecoratorOptions(
    neptuneInitRunDeclarations,
    requiredNeptuneInitRunOptions,
    options,
    'neptuneInitRun',
  );
  const { project: _project, secret: _secret, host: _host, ...initRunOptions } = options;
  return createDecorator({
    name: 'neptuneInitRun',
    async execute<Result>(context: ExecutionContext, next: (child?: ExecutionContext) => Promise<Result>) {
      const runOptions: InitRunOptions = { project: project, ...initRunOptions };
      if (!context.isLocal) runOptions.apiToken = await resolveNeptuneSecret(context, secret);
      runOptions.environment ??= context.environment;
      const run = await initRun(runOptions);
      if (!context.isLocal) {
        for (const [key, value] of legacyFlyteAttributes(context)) run.assign(key, value);
        // What the Flyte console links to for this task (the `neptune-run-id` link type).
        run.consoleUrl = legacyConsoleUrl(host, project, context);
      }
      let output: Result;
      try {
        output = await next(context.withAttribute(neptuneRunAttribute, run));
      } catch (error) {
        run.fail(error);
        await run.stop();
        throw error;
      }
      await run.stop();
      return output;
    },
    extraConfig: () => ({ host, project, link_type: NEPTUNE_RUN_VALUE }),
  });
}
