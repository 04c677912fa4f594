import type { ExecutionContext } from '../context/execution-context';

/**
 * A plugin that wraps a task function, as flytekit's `ClassDecorator`: it sets up around the call
 * (start a tracker run, start a profiler), runs the function, tears down, and contributes
 * task config (which drives Flyte console links through `link_type`).
 */
export interface TaskDecorator {
  /** Name for logs and errors, e.g. `wandbInit`. */
  readonly name: string;
  /**
   * Runs around the task function. Call `next()` exactly once to run the wrapped function; pass a
   * derived context (`context.withAttribute(...)`) to expose a run object to the function.
   */
  execute<Result>(
    context: ExecutionContext,
    next: (context?: ExecutionContext) => Promise<Result>,
  ): Promise<Result>;
  /** String map merged into the task template config; `link_type` values of stacked decorators are joined. */
  extraConfig(): Record<string, string>;
}
