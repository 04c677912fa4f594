import { runInContext } from '../context/context-storage';
import { createLocalContext } from '../context/create-local-context';
import { InvalidOptionError } from '../errors/invalid-option-error';
import type { CallArguments } from '../types/call-arguments';
import type { InferRecord, TypeRecord } from '../types/type-descriptor';
import { validateRecord } from './task-interface';
import { type WorkflowRun, workflowRunAttribute } from './workflow-run';

const workflowSymbol = Symbol.for('tasklens.workflow');

/** A workflow's declaration when `tasklens run` should take its inputs from the command line. */
export interface WorkflowOptions<Inputs extends TypeRecord> {
  /** Fully qualified workflow name, e.g. `demo.pipeline`; required. */
  name: string;
  /** Named inputs and their types, parsed and listed by `tasklens run`; default none. */
  inputs?: Inputs;
  /** Workflow documentation shown by `tasklens run <module> <workflow> --help`; default none. */
  description?: string | undefined;
}

/** A workflow: call it to run its tasks locally; `tasklens run <module> <workflow>` runs it too. */
export interface Workflow<Args extends unknown[] = any[], Result = unknown> {
  (...args: Args): Promise<Result>;
  readonly [workflowSymbol]: true;
  /** Fully qualified name. */
  readonly workflowName: string;
  /** Declared inputs; undefined for a workflow declared by name only (positional arguments). */
  readonly inputs: TypeRecord | undefined;
  readonly description: string | undefined;
}

/** True for workflow objects, from any copy of `@tasklens/core`. */
export function isWorkflow(value: unknown): value is Workflow {
  return typeof value === 'function' && (value as { [workflowSymbol]?: boolean })[workflowSymbol] === true;
}

/**
 * Composes tasks locally, as a flytekit workflow run locally: one execution, mode
 * `local-workflow`, and node ids `n0`, `n1`, … given to the tasks in the order they are called.
 * `workflow({ name, inputs }, fn)` declares its inputs so `tasklens run` can pass them.
 */
export function workflow<Inputs extends TypeRecord = {}, Result = unknown>(
  options: WorkflowOptions<Inputs>,
  fn: (inputs: InferRecord<Inputs>) => Promise<Result> | Result,
): Workflow<CallArguments<Inputs>, Result>;
export function workflow<Args extends unknown[], Result>(
  name: string,
  fn: (...args: Args) => Promise<Result> | Result,
): Workflow<Args, Result>;
export function workflow(
  nameOrOptions: string | WorkflowOptions<TypeRecord>,
  fn: (...args: any[]) => unknown,
): Workflow {
  const declared = typeof nameOrOptions === 'string' ? undefined : nameOrOptions;
  const name = typeof nameOrOptions === 'string' ? nameOrOptions : nameOrOptions?.name;
  if (typeof name !== 'string' || name.trim() === '') {
    throw new InvalidOptionError({
      option: 'workflow.name',
      message: 'workflow name must be a non-empty string',
    });
  }
  if (typeof fn !== 'function') {
    throw new InvalidOptionError({
      option: 'workflow',
      message: `${name}: the workflow body must be a function`,
    });
  }
  const run = async (...args: unknown[]): Promise<unknown> => {
    const state: WorkflowRun = { nextNode: 0 };
    const context = createLocalContext({ mode: 'local-workflow', taskName: name }).withAttribute(
      workflowRunAttribute,
      state,
    );
    // A declared workflow always gets an inputs object, as a task does.
    // Defaults and optional inputs filled in as a task's are, so the body sees every declared input.
    const given =
      declared === undefined ? args : [validateRecord(declared.inputs ?? {}, args[0] ?? {}, 'inputs', name)];
    return runInContext(context, async () => fn(...given));
  };
  return Object.defineProperties(run, {
    [workflowSymbol]: { value: true },
    name: { value: name.split('.').at(-1) },
    workflowName: { value: name },
    inputs: { value: declared === undefined ? undefined : (declared.inputs ?? {}) },
    description: { value: declared?.description },
  }) as unknown as Workflow;
}
