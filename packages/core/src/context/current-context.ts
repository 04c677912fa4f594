import { NoContextError } from '../errors/no-context-error';
import { findCurrentContext } from './context-storage';
import type { ExecutionContext } from './execution-context';

/** The running task's context, like flytekit's `current_context()`. Throws outside a task. */
export function currentContext(): ExecutionContext {
  const context = findCurrentContext();
  if (context === undefined) {
    throw new NoContextError({
      message:
        'currentContext() was called outside a running task: call it from inside a function run by task(), workflow() or a tasklens decorator',
    });
  }
  return context;
}
