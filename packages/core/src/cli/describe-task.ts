import { toJson } from '@bufbuild/protobuf';
import { LiteralTypeSchema } from '../protobuf/flyteidl';
import type { Task } from '../task/task';
import { literalTypeOf } from '../type-engine/type-engine';
import type { TypeRecord } from '../types/type-descriptor';

/** One interface variable as `tasklens describe` prints it. */
export interface DescribedVariable {
  /** flyteidl `LiteralType` in protobuf JSON (Python: `json_format.ParseDict(v, LiteralType())`). */
  type: unknown;
  /** Human-readable type name. */
  typeName: string;
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

function describeVariables(record: TypeRecord): Record<string, DescribedVariable> {
  return Object.fromEntries(
    Object.entries(record).map(([name, descriptor]) => [
      name,
      { type: toJson(LiteralTypeSchema, literalTypeOf(descriptor)), typeName: descriptor.typeName },
    ]),
  );
}

/** The interface and settings of a task, for `tasklens describe`. */
export function describeTask(task: Task<any, any>): TaskDescription {
  const { options } = task;
  const description: TaskDescription = {
    name: task.taskName,
    inputs: describeVariables(task.inputs),
    outputs: describeVariables(task.outputs),
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
