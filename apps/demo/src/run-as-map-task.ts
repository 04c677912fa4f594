import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidOptionError, type Task, types } from '@tasklens/core';
import { encodeLiteralMap, valuesToLiteralMap } from '@tasklens/core/plugin';
import { localExecutionDirectory, podEnvironment, runPodCommand } from './run-pod-command';

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
  const { directory, fileAccess } = localExecutionDirectory('tasklens-demo-map-');
  const dataDirectory = join(directory, 'n0', 'data');
  mkdirSync(dataDirectory, { recursive: true });
  // The ArrayNode's input interface: the mapped input becomes a list, bound inputs stay as declared.
  const mapInterface = { ...taskObject.inputs, [mapped.name]: types.list(elementType) };
  const inputMap = await valuesToLiteralMap(
    { ...bound, [mapped.name]: mapped.values },
    mapInterface,
    fileAccess,
    'inputs',
  );
  writeFileSync(join(dataDirectory, 'inputs.pb'), encodeLiteralMap(inputMap));

  const outputs: Record<string, unknown>[] = [];
  for (let index = 0; index < mapped.values.length; index++) {
    const outputDirectory = join(dataDirectory, String(index), '0');
    outputs.push(
      await runPodCommand({
        command: 'map-execute',
        inputs: `file://${dataDirectory}/inputs.pb`,
        outputDirectory,
        rawOutputPrefix: `file://${directory}/raw/${index}`,
        boundInputs: Object.keys(bound),
        taskModule,
        exportName,
        environment: {
          BATCH_JOB_ARRAY_INDEX_VAR_NAME: 'FLYTE_K8S_ARRAY_INDEX',
          FLYTE_K8S_ARRAY_INDEX: String(index),
          ...podEnvironment(taskObject.taskName, `ff59abade1e7f4758baf-n0-0-${index}`),
        },
        taskObject,
        fileAccess,
        label: `pod ${index}`,
        failure: `subtask ${index}: `,
      }),
    );
  }
  return { dataDirectory, outputs };
}
