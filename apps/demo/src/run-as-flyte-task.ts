import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Task } from '@tasklens/core';
import { encodeLiteralMap, valuesToLiteralMap } from '@tasklens/core/plugin';
import { localExecutionDirectory, podEnvironment, runPodCommand } from './run-pod-command';

/**
 * Runs a task the way a Flyte pod does: writes `inputs.pb`, runs `tasklens execute` with local
 * `file://` prefixes and the pod environment propeller would set, then reads `outputs.pb`.
 * `taskModule` is the built module exporting the task (default: the demo's `train-task.js`).
 */
export async function runAsFlyteTask(
  taskObject: Task<any, any>,
  exportName: string,
  inputs: Record<string, unknown>,
  taskModule: string = join(dirname(fileURLToPath(import.meta.url)), 'train-task.js'),
): Promise<{ outputs: Record<string, unknown>; outputDirectory: string; deckPath: string | undefined }> {
  const { directory, fileAccess } = localExecutionDirectory('tasklens-demo-flyte-');
  const inputMap = await valuesToLiteralMap(inputs, taskObject.inputs, fileAccess, 'inputs');
  writeFileSync(join(directory, 'inputs.pb'), encodeLiteralMap(inputMap));

  const outputDirectory = join(directory, 'metadata');
  const outputs = await runPodCommand({
    command: 'execute',
    inputs: `file://${directory}/inputs.pb`,
    outputDirectory,
    rawOutputPrefix: `file://${directory}/raw`,
    taskModule,
    exportName,
    environment: {
      ...podEnvironment(taskObject.taskName, 'ff59abade1e7f4758baf-n0-0'),
      // What propeller's secret webhook injects for Secret(group='wandb', key='api_key'); the demo
      // runs W&B offline, so this placeholder is never sent anywhere.
      _FSEC_WANDB_API_KEY: process.env._FSEC_WANDB_API_KEY ?? 'demo-offline-placeholder-key',
    },
    taskObject,
    fileAccess,
    label: 'pod',
  });
  const deckPath = existsSync(join(outputDirectory, 'deck.html'))
    ? join(outputDirectory, 'deck.html')
    : undefined;
  return { outputs, outputDirectory, deckPath };
}
