import { AsyncLocalStorage } from 'node:async_hooks';
import type { ExecutionContext } from './execution-context';

const storageKey = Symbol.for('tasklens.context.storage');

/**
 * The one AsyncLocalStorage for every copy of `@tasklens/core` loaded in the process: a plugin
 * bundling its own copy of core must still see the context the task runner set.
 */
function contextStorage(): AsyncLocalStorage<ExecutionContext> {
  const holder = globalThis as typeof globalThis & { [storageKey]?: AsyncLocalStorage<ExecutionContext> };
  holder[storageKey] ??= new AsyncLocalStorage<ExecutionContext>();
  return holder[storageKey];
}

/** Runs `fn` with `context` as the current execution context. */
export function runInContext<T>(context: ExecutionContext, fn: () => T): T {
  return contextStorage().run(context, fn);
}

/** The context of the running task, or undefined outside any task. */
export function findCurrentContext(): ExecutionContext | undefined {
  return contextStorage().getStore();
}
