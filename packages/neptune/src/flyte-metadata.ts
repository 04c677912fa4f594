import type { ExecutionContext } from '@tasklens/core';

/**
 * The `flyte/*` attributes `neptune_init_run` assigns on a remote run, in flytekit's order. The
 * output metadata prefix is undefined outside a pod (flytekit assigns `None`, which the Neptune
 * client skips with a warning); the execution URL is included when the variable exists at all.
 */
export function legacyFlyteAttributes(context: ExecutionContext): [string, string | undefined][] {
  const attributes: [string, string | undefined][] = [
    ['flyte/execution_id', context.defaultRunId],
    ['flyte/project', context.executionId.project],
    ['flyte/domain', context.executionId.domain],
    ['flyte/name', context.executionId.name],
    ['flyte/raw_output_prefix', context.rawOutputPrefix],
    ['flyte/output_metadata_prefix', context.outputMetadataPrefix],
    ['flyte/working_directory', context.workingDirectory],
    ['flyte/task/name', context.taskId.name],
    ['flyte/task/project', context.taskId.project],
    ['flyte/task/domain', context.taskId.domain],
    ['flyte/task/version', context.taskId.version],
  ];
  const executionUrl = context.executionUrl;
  if (executionUrl !== undefined) attributes.push(['flyte/execution_url', executionUrl]);
  return attributes;
}

/**
 * The one `log_configs` dictionary `neptune_scale_run` sends on a remote run, in flytekit's order:
 * no `flyte/execution_id` (that is the run id) and no output metadata prefix; the execution URL
 * only when the variable is non-empty.
 */
export function scaleFlyteConfigs(context: ExecutionContext): Record<string, string> {
  const configs: Record<string, string> = {
    'flyte/project': context.executionId.project,
    'flyte/domain': context.executionId.domain,
    'flyte/name': context.executionId.name,
    'flyte/raw_output_prefix': context.rawOutputPrefix,
    'flyte/working_directory': context.workingDirectory,
    'flyte/task/name': context.taskId.name,
    'flyte/task/project': context.taskId.project,
    'flyte/task/domain': context.taskId.domain,
    'flyte/task/version': context.taskId.version,
  };
  const executionUrl = context.executionUrl;
  if (executionUrl) configs['flyte/execution_url'] = executionUrl;
  return configs;
}
