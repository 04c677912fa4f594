import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { InvalidOptionError, type Task, types } from '@tasklens/core';
import {
  decodeErrorDocument,
  decodeLiteralMap,
  encodeLiteralMap,
  FileAccess,
  literalMapToValues,
  valuesToLiteralMap,
} from '@tasklens/core/plugin';

/** Where a map task's subtasks ran and what each returned (its outputs, in index order). */
export type MapTaskRun = { dataDirectory: string; outputs: Record<string, unknown>[] };

/**
 * Runs a task as a Flyte map task (ArrayNode) over `mapped`, locally, the way propeller starts
 * each element (spec §3.5): one `inputs.pb` holding the mapped input as a list and the bound inputs
 * whole, then one `tasklens map-execute` per index with `BATCH_JOB_ARRAY_INDEX_VAR_NAME` naming the
 * variable that holds the index and a per-index output prefix `<data>/<index>/<attempt>`.
 * Subtasks run one after another (the engine would run them in parallel pods).
 */
export async function runAsMapTask(
  taskObject: Task<any, any>,
  taskModule: string,
  exportName: string,
  mapped: { name: string; values: readonly unknown[] },
  bound: Record<string, unknown>,
): Promise<MapTaskRun> {
  const elementType = taskObject.inputs[mapped.name];
  if (elementType === undefined) {
    throw new InvalidOptionError({
      option: 'mapped.name',
      message: `${taskObject.taskName} has no input ${mapped.name}`,
    });
  }
  const directory = mkdtempSync(join(tmpdir(), 'tasklens-demo-map-'));
  const dataDirectory = join(directory, 'n0', 'data');
  mkdirSync(dataDirectory, { recursive: true });
  const fileAccess = new FileAccess({
    rawOutputPrefix: `file://${directory}/raw`,
    localDirectory: directory,
  });
  // The ArrayNode's input interface: the mapped input becomes a list, bound inputs stay as declared.
  const mapInterface = { ...taskObject.inputs, [mapped.name]: types.list(elementType) };
  const inputMap = await valuesToLiteralMap(
    { ...bound, [mapped.name]: mapped.values },
    mapInterface,
    fileAccess,
    'inputs',
  );
  writeFileSync(join(dataDirectory, 'inputs.pb'), encodeLiteralMap(inputMap));

  const coreManifest = createRequire(import.meta.url).resolve('@tasklens/core/package.json');
  const cli = join(dirname(coreManifest), 'bin', 'tasklens.mjs');
  const outputs: Record<string, unknown>[] = [];
  for (let index = 0; index < mapped.values.length; index++) {
    const outputDirectory = join(dataDirectory, String(index), '0');
    const result = spawnSync(
      process.execPath,
      [
        cli,
        'map-execute',
        '--inputs',
        `file://${dataDirectory}/inputs.pb`,
        '--output-prefix',
        `file://${outputDirectory}`,
        '--raw-output-data-prefix',
        `file://${directory}/raw/${index}`,
        '--bound-inputs',
        Object.keys(bound).join(','),
        '--task-module',
        taskModule,
        '--task-name',
        exportName,
      ],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          BATCH_JOB_ARRAY_INDEX_VAR_NAME: 'FLYTE_K8S_ARRAY_INDEX',
          FLYTE_K8S_ARRAY_INDEX: String(index),
          FLYTE_INTERNAL_EXECUTION_PROJECT: 'flytesnacks',
          FLYTE_INTERNAL_EXECUTION_DOMAIN: 'development',
          FLYTE_INTERNAL_EXECUTION_ID: 'ff59abade1e7f4758baf',
          FLYTE_INTERNAL_TASK_NAME: taskObject.taskName,
          FLYTE_INTERNAL_TASK_VERSION: 'demo',
          FLYTE_ATTEMPT_NUMBER: '0',
          HOSTNAME: `ff59abade1e7f4758baf-n0-0-${index}`,
        },
      },
    );
    for (const line of result.stderr.trim().split('\n').filter(Boolean))
      console.log(`  pod ${index} | ${line}`);
    if (existsSync(join(outputDirectory, 'error.pb'))) {
      const error = decodeErrorDocument(readFileSync(join(outputDirectory, 'error.pb')));
      throw new Error(
        `subtask ${index}: tasklens map-execute wrote error.pb: ${error.error?.message ?? 'unknown error'}`,
      );
    }
    if (result.status !== 0)
      throw new Error(`subtask ${index}: tasklens map-execute exited ${result.status}: ${result.stderr}`);
    const outputMap = decodeLiteralMap(readFileSync(join(outputDirectory, 'outputs.pb')));
    outputs.push(await literalMapToValues(outputMap, taskObject.outputs, fileAccess, 'outputs'));
  }
  return { dataDirectory, outputs };
}
