import { AsyncLocalStorage } from 'node:async_hooks';
import { coreSlot } from '../globals/core-slot';
import type { ExecutionContext } from './execution-context';

const storageSlot = coreSlot<AsyncLocalStorage<ExecutionContext>>('context.storage');

/**
 * The one AsyncLocalStorage for every copy of `@tasklens/core` of this major loaded in the process:
 * a plugin bundling its own copy of core must still see the context the task runner set.
 */
function contextStorage(): AsyncLocalStorage<ExecutionContext> {
  return storageSlot.getOrCreate(() => new AsyncLocalStorage<ExecutionContext>());
}

/** Runs `fn` with `context` as the current execution context. */
export function runInContext<T>(context: ExecutionContext, fn: () => T): T {
  return contextStorage().run(context, fn);
}

/** The context of the running task, or undefined outside any task. */
export function findCurrentContext(): ExecutionContext | undefined {
  return contextStorage().getStore();
}
