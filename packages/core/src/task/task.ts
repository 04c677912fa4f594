import { findCurrentContext, runInContext } from '../context/context-storage';
import { createLocalContext } from '../context/create-local-context';
import type { ExecutionContext } from '../context/execution-context';
import { type DeckField, defaultDeckFields, validateDeckFields } from '../decks/deck-field';
import { writeDeck } from '../decks/write-deck';
import { decoratorsOf, unwrapFunction } from '../decorators/decorator-symbols';
import { mergeExtraConfig } from '../decorators/merge-extra-config';
import type { TaskDecorator } from '../decorators/task-decorator';
import { InvalidOptionError } from '../errors/invalid-option-error';
import type { CallArguments } from '../types/call-arguments';
import type { InferRecord, TypeDescriptor, TypeRecord } from '../types/type-descriptor';
import { dispatchExecute, type TaskExecution } from './dispatch-execute';
import { namedOutputs } from './task-interface';
import type { TaskOptions, TaskOutputs } from './task-options';
import { nextWorkflowNodeId } from './workflow-run';

/** What the task function returns for its declared outputs. */
export type TaskResult<Outputs extends TaskOutputs> =
  Outputs extends TypeDescriptor<infer Value>
    ? Value
    : Outputs extends TypeRecord
      ? InferRecord<Outputs>
      : undefined extends Outputs
        ? // biome-ignore lint/suspicious/noConfusingVoidType: a task without outputs may return nothing
          void
        : never;

export type TaskFunction<Inputs extends TypeRecord, Outputs extends TaskOutputs> = (
  inputs: InferRecord<Inputs>,
) => TaskResult<Outputs> | Promise<TaskResult<Outputs>>;

const taskSymbol = Symbol.for('tasklens.task');

/** A task: call it to run locally; `tasklens execute` runs the same object in a Flyte pod. */
export interface Task<Inputs extends TypeRecord = TypeRecord, Outputs extends TaskOutputs = TaskOutputs> {
  (...inputs: CallArguments<Inputs>): Promise<TaskResult<Outputs>>;
  readonly [taskSymbol]: true;
  /** Fully qualified name. */
  readonly taskName: string;
  readonly inputs: Inputs;
  /** Output descriptors by Flyte name (`o0` for a single output). */
  readonly outputs: TypeRecord;
  /** The options the task was declared with. */
  readonly options: Readonly<TaskOptions<Inputs, Outputs>>;
  readonly enableDeck: boolean;
  readonly deckFields: readonly DeckField[];
  /** Decorators on the task function, outermost first. */
  readonly decorators: readonly TaskDecorator[];
  /** The user function under every decorator (for the Source Code deck). */
  readonly userFunction: (...args: any[]) => unknown;
  /** Task template config: every decorator's extra config merged, `link_type`s joined. */
  config(): Record<string, string>;
  /** Runs the task in a given context (the Flyte entrypoint's path); decks are left to the caller. */
  execute(context: ExecutionContext, inputs: Record<string, unknown>): Promise<TaskExecution>;
}

/** True for task objects, from any copy of `@tasklens/core`. */
export function isTask(value: unknown): value is Task {
  return typeof value === 'function' && (value as { [taskSymbol]?: boolean })[taskSymbol] === true;
}

function resolveDeckOptions(options: TaskOptions<any, any>): {
  enableDeck: boolean;
  deckFields: DeckField[];
} {
  if (options.enableDeck !== undefined && options.disableDeck !== undefined) {
    throw new InvalidOptionError({
      option: 'task.enableDeck',
      message: `${options.name}: only one of [disable_deck, enable_deck] can be set (task options disableDeck and enableDeck)`,
    });
  }
  const enableDeck = options.enableDeck ?? (options.disableDeck === undefined ? false : !options.disableDeck);
  const deckFields = validateDeckFields(options.deckFields ?? defaultDeckFields);
  return { enableDeck, deckFields: enableDeck ? deckFields : [] };
}

/** Declares a task: `task({ name, inputs, outputs }, fn)`. */
export function task<Inputs extends TypeRecord = {}, Outputs extends TaskOutputs = undefined>(
  options: TaskOptions<Inputs, Outputs>,
  fn: TaskFunction<Inputs, Outputs>,
): Task<Inputs, Outputs> {
  if (typeof options?.name !== 'string' || options.name.trim() === '') {
    throw new InvalidOptionError({ option: 'task.name', message: 'task.name must be a non-empty string' });
  }
  if (typeof fn !== 'function') {
    throw new InvalidOptionError({
      option: 'task',
      message: `${options.name}: the task body must be a function`,
    });
  }
  if (options.retries !== undefined && (!Number.isInteger(options.retries) || options.retries < 0)) {
    throw new InvalidOptionError({
      option: 'task.retries',
      message: `${options.name}: retries must be a non-negative integer`,
    });
  }
  const { enableDeck, deckFields } = resolveDeckOptions(options);
  const inputs = (options.inputs ?? {}) as Inputs;
  const outputs = namedOutputs(options.outputs);
  const shortName = options.name.split('.').at(-1)!;

  const definition = {
    name: options.name,
    inputs,
    outputs: options.outputs,
    enableDeck,
    deckFields,
    fn: fn as (inputs: Record<string, unknown>) => unknown,
  };

  const callable = async (given: Record<string, unknown> = {}) => {
    const parent = findCurrentContext();
    const workflowNode = parent === undefined ? undefined : nextWorkflowNodeId(parent);
    const context = createLocalContext({
      mode: workflowNode === undefined ? 'local-task' : 'local-workflow',
      taskName: options.name,
      enableDeck,
      environment: parent?.environment,
      executionId: workflowNode === undefined ? undefined : parent!.executionId,
      nodeId: workflowNode,
    });
    const execution = await runInContext(context, () => dispatchExecute(definition, context, given));
    // Locally flytekit writes decks only after a successful run.
    if (enableDeck) await writeDeck(context);
    return execution.returned;
  };

  return Object.defineProperties(callable, {
    [taskSymbol]: { value: true },
    name: { value: shortName },
    taskName: { value: options.name },
    inputs: { value: inputs },
    outputs: { value: outputs },
    options: { value: Object.freeze({ ...options }) },
    enableDeck: { value: enableDeck },
    deckFields: { value: Object.freeze(deckFields) },
    decorators: { value: decoratorsOf(fn) },
    userFunction: { value: unwrapFunction(fn) },
    config: { value: () => mergeExtraConfig(decoratorsOf(fn)) },
    execute: {
      value: (context: ExecutionContext, given: Record<string, unknown>) =>
        runInContext(context, () => dispatchExecute(definition, context, given)),
    },
  }) as unknown as Task<Inputs, Outputs>;
}
