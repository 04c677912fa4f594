import { ambientStorage } from './ambient-storage';
import type { ExecutionContext } from './execution-context';

/** Runs `fn` with `context` as the current execution context. */
export function runInContext<T>(context: ExecutionContext, fn: () => T): T {
  return ambientStorage().run(context, fn);
}

/** The context of the running task, or undefined outside any task. */
export function findCurrentContext(): ExecutionContext | undefined {
  return ambientStorage().getStore() as ExecutionContext | undefined;
}
