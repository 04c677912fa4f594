import { TasklensError } from '@tasklens/core';

const marker = 'tasklens.error.TasklensProfilerError';
const symbol = Symbol.for(marker);

/**
 * A part of the running profiler failed (the inspector session, the memory sampler thread). The task
 * is never failed by it: the capture's warnings carry the message.
 */
export class ProfilerError extends TasklensError {
  protected readonly [symbol] = true;

  constructor(message: string) {
    super({ name: 'TasklensProfilerError', message });
  }

  static override isInstance(error: unknown): error is ProfilerError {
    return TasklensError.hasMarker(error, marker);
  }
}
