import { toBinary } from '@bufbuild/protobuf';
import { CorruptInputsError } from '../errors/corrupt-inputs-error';
import { createLogger } from '../logging/logger';
import { ErrorDocumentSchema, type LiteralMap, LiteralMapSchema } from '../protobuf/flyteidl';
import { decodeLiteralMapStreaming } from '../protobuf/streaming-literal-map';
import type { FileAccess } from '../storage/file-access';
import type { Task } from '../task/task';
import { literalMapToValues, literalTypeOf, valuesToLiteralMap } from '../type-engine/type-engine';
import { computeArrayJobIndex } from './array-job-index';
import type { ErrorClassification } from './error-classification';
import { buildErrorDocument } from './error-document';
import type { ExecuteArguments } from './execute-arguments';
import { selectMapTaskInputs } from './map-task-inputs';
import { offloadingFromEnvironment, offloadLargeOutputs } from './output-offloading';

// The executor's conversions through the type engine and protobuf-es: every type, map tasks,
// offloading, error.pb. The executor imports this module only when the plain-primitive fast path
// (`primitive-fast-path.ts`) does not apply, so a trivial task's cold start does not load it.

const logger = createLogger('tasklens:execute');

/** Task inputs from inputs.pb bytes (an ArrayNode subtask picks its element first). */
export async function readInputs(
  bytes: Uint8Array,
  args: ExecuteArguments,
  task: Task,
  environment: Readonly<Record<string, string | undefined>>,
  fileAccess: FileAccess,
): Promise<Record<string, unknown>> {
  let map: LiteralMap;
  try {
    // Lists of plain values stay packed: a million-item list input does not become a million messages.
    map = decodeLiteralMapStreaming(bytes);
  } catch (error) {
    throw new CorruptInputsError({
      uri: args.inputs,
      message: `${args.inputs} is not a valid flyteidl.core.LiteralMap (${bytes.length} bytes): ${(error as Error).message}`,
      cause: error,
    });
  }
  if (args.mapTask !== undefined) {
    // An ArrayNode subtask gets the whole ArrayNode inputs.pb and picks its own element.
    const index = computeArrayJobIndex(environment);
    logger.info(`Map task subtask ${index}: bound inputs ${args.mapTask.boundInputs.join(', ') || '(none)'}`);
    map = await selectMapTaskInputs(
      map,
      Object.keys(task.inputs),
      new Set(args.mapTask.boundInputs),
      index,
      fileAccess,
    );
  }
  return literalMapToValues(map, task.inputs, fileAccess, 'inputs');
}

/** outputs.pb bytes for the task's outputs, large literals offloaded when the environment asks. */
export async function encodeOutputs(
  values: Record<string, unknown>,
  task: Task,
  environment: Readonly<Record<string, string | undefined>>,
  outputPrefix: string,
  fileAccess: FileAccess,
): Promise<Uint8Array> {
  let outputs = await valuesToLiteralMap(values, task.outputs, fileAccess, 'outputs');
  const offloading = offloadingFromEnvironment(environment);
  if (offloading !== undefined) {
    const types = Object.fromEntries(
      Object.entries(task.outputs).map(([name, descriptor]) => [name, literalTypeOf(descriptor)]),
    );
    outputs = await offloadLargeOutputs(outputs, types, offloading, outputPrefix, fileAccess);
  }
  return toBinary(LiteralMapSchema, outputs);
}

/** error.pb bytes and the message they carry. */
export function encodeErrorDocument(
  error: unknown,
  classification: ErrorClassification,
  worker: string,
): { bytes: Uint8Array; message: string } {
  const document = buildErrorDocument(error, classification, { worker });
  return { bytes: toBinary(ErrorDocumentSchema, document), message: document.error?.message ?? '' };
}
