import { runInContext } from '../context/context-storage';
import { createLocalContext } from '../context/create-local-context';
import { InvalidOptionError } from '../errors/invalid-option-error';
import { type WorkflowRun, workflowRunAttribute } from './workflow-run';

/**
 * Composes tasks locally, as a flytekit workflow run locally: one execution, mode
 * `local-workflow`, and node ids `n0`, `n1`, … given to the tasks in the order they are called.
 */
export function workflow<Args extends unknown[], Result>(
  name: string,
  fn: (...args: Args) => Promise<Result> | Result,
): (...args: Args) => Promise<Result> {
  if (typeof name !== 'string' || name.trim() === '') {
    throw new InvalidOptionError({
      option: 'workflow.name',
      message: 'workflow name must be a non-empty string',
    });
  }
  const run = async (...args: Args): Promise<Result> => {
    const state: WorkflowRun = { nextNode: 0 };
    const context = createLocalContext({ mode: 'local-workflow', taskName: name }).withAttribute(
      workflowRunAttribute,
      state,
    );
    return runInContext(context, async () => fn(...args));
  };
  Object.defineProperty(run, 'name', { value: name.split('.').at(-1) });
  return run;
}
