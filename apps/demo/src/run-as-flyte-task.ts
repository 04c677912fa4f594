import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Task } from '@tasklens/core';
import {
  decodeErrorDocument,
  decodeLiteralMap,
  encodeLiteralMap,
  FileAccess,
  literalMapToValues,
  valuesToLiteralMap,
} from '@tasklens/core/plugin';

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
  const directory = mkdtempSync(join(tmpdir(), 'tasklens-demo-flyte-'));
  const fileAccess = new FileAccess({
    rawOutputPrefix: `file://${directory}/raw`,
    localDirectory: directory,
  });
  const inputMap = await valuesToLiteralMap(inputs, taskObject.inputs, fileAccess, 'inputs');
  writeFileSync(join(directory, 'inputs.pb'), encodeLiteralMap(inputMap));

  const coreManifest = createRequire(import.meta.url).resolve('@tasklens/core/package.json');
  const outputDirectory = join(directory, 'metadata');
  const result = spawnSync(
    process.execPath,
    [
      join(dirname(coreManifest), 'bin', 'tasklens.mjs'),
      'execute',
      '--inputs',
      `file://${directory}/inputs.pb`,
      '--output-prefix',
      `file://${outputDirectory}`,
      '--raw-output-data-prefix',
      `file://${directory}/raw`,
      '--task-module',
      taskModule,
      '--task-name',
      exportName,
    ],
    {
      encoding: 'utf8',
      env: {
        ...process.env,
        FLYTE_INTERNAL_EXECUTION_PROJECT: 'flytesnacks',
        FLYTE_INTERNAL_EXECUTION_DOMAIN: 'development',
        FLYTE_INTERNAL_EXECUTION_ID: 'ff59abade1e7f4758baf',
        FLYTE_INTERNAL_TASK_NAME: taskObject.taskName,
        FLYTE_INTERNAL_TASK_VERSION: 'demo',
        FLYTE_ATTEMPT_NUMBER: '0',
        HOSTNAME: 'ff59abade1e7f4758baf-n0-0',
        // What propeller's secret webhook injects for Secret(group='wandb', key='api_key'); the demo
        // runs W&B offline, so this placeholder is never sent anywhere.
        _FSEC_WANDB_API_KEY: process.env._FSEC_WANDB_API_KEY ?? 'demo-offline-placeholder-key',
      },
    },
  );
  for (const line of result.stderr.trim().split('\n').filter(Boolean)) console.log(`  pod | ${line}`);
  if (existsSync(join(outputDirectory, 'error.pb'))) {
    const error = decodeErrorDocument(readFileSync(join(outputDirectory, 'error.pb')));
    throw new Error(`tasklens execute wrote error.pb: ${error.error?.message ?? 'unknown error'}`);
  }
  if (result.status !== 0) throw new Error(`tasklens execute exited ${result.status}: ${result.stderr}`);
  const outputMap = decodeLiteralMap(readFileSync(join(outputDirectory, 'outputs.pb')));
  const outputs = await literalMapToValues(outputMap, taskObject.outputs, fileAccess, 'outputs');
  const deckPath = existsSync(join(outputDirectory, 'deck.html'))
    ? join(outputDirectory, 'deck.html')
    : undefined;
  return { outputs, outputDirectory, deckPath };
}
