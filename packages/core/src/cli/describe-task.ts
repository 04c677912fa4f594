import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { toJson } from '@bufbuild/protobuf';
import { LiteralSchema, LiteralTypeSchema } from '../protobuf/flyteidl';
import { FileAccess } from '../storage/file-access';
import type { Task } from '../task/task';
import { literalTypeOf, toLiteral } from '../type-engine/type-engine';
import type { TypeRecord } from '../types/type-descriptor';

/** One interface variable as `tasklens describe` prints it. */
export interface DescribedVariable {
  /** flyteidl `LiteralType` in protobuf JSON (Python: `json_format.ParseDict(v, LiteralType())`). */
  type: unknown;
  /** Human-readable type name. */
  typeName: string;
  /** The default as a flyteidl `Literal` in protobuf JSON (inputs with `types.withDefault` only). */
  default?: unknown;
}

/** The JSON `tasklens describe` prints: what the Python helper needs to declare the task. */
export interface TaskDescription {
  name: string;
  inputs: Record<string, DescribedVariable>;
  outputs: Record<string, DescribedVariable>;
  enableDeck: boolean;
  deckFields: string[];
  secretRequests: {
    group?: string;
    key?: string;
    groupVersion?: string;
    mountRequirement: string;
    envVar?: string;
  }[];
  config: Record<string, string>;
  retries: number;
  cacheVersion?: string;
  description?: string;
}

function temporaryFileAccess(): FileAccess {
  const directory = join(tmpdir(), 'tasklens-describe');
  return new FileAccess({ rawOutputPrefix: `file://${directory}/raw`, localDirectory: directory });
}

async function describeVariables(
  record: TypeRecord,
  fileAccess: FileAccess,
): Promise<Record<string, DescribedVariable>> {
  const described: Record<string, DescribedVariable> = {};
  for (const [name, descriptor] of Object.entries(record)) {
    const variable: DescribedVariable = {
      type: toJson(LiteralTypeSchema, literalTypeOf(descriptor)),
      typeName: descriptor.typeName,
    };
    if (descriptor.default !== undefined) {
      const literal = await toLiteral(descriptor.default.value, descriptor, {
        fileAccess,
        path: `inputs.${name}`,
      });
      variable.default = toJson(LiteralSchema, literal);
    }
    described[name] = variable;
  }
  return described;
}

/**
 * The interface and settings of a task, for `tasklens describe`. Defaults that are blobs would be
 * uploaded under `fileAccess.rawOutputPrefix`; simple defaults never touch it.
 */
export async function describeTask(
  task: Task<any, any>,
  fileAccess: FileAccess = temporaryFileAccess(),
): Promise<TaskDescription> {
  const { options } = task;
  const description: TaskDescription = {
    name: task.taskName,
    inputs: await describeVariables(task.inputs, fileAccess),
    outputs: await describeVariables(task.outputs, fileAccess),
    enableDeck: task.enableDeck,
    deckFields: [...task.deckFields],
    secretRequests: (options.secretRequests ?? []).map((secret) => ({
      ...(secret.group === undefined ? {} : { group: secret.group }),
      ...(secret.key === undefined ? {} : { key: secret.key }),
      ...(secret.groupVersion === undefined ? {} : { groupVersion: secret.groupVersion }),
      mountRequirement: secret.mountRequirement,
      ...(secret.envVar === undefined ? {} : { envVar: secret.envVar }),
    })),
    config: task.config(),
    retries: options.retries ?? 0,
  };
  if (options.cacheVersion !== undefined) description.cacheVersion = options.cacheVersion;
  if (options.description !== undefined) description.description = options.description;
  return description;
}
