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

// A provider's start() (registerTrackerRun) is the first reader of the context in most processes:
// read it once at import, so Node compiles AsyncLocalStorage's constructor and getStore (and V8 this
// function) with core's import rather than inside that first start. Creating the storage turns on
// nothing: Node 20 enables its async hooks at the first run() or enterWith().
findCurrentContext();
