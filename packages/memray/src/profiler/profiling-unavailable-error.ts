import { TasklensError } from '@tasklens/core';

const marker = 'tasklens.error.TasklensProfilingUnavailableError';
const symbol = Symbol.for(marker);

/** Profiling could not start; the task runs unprofiled and the deck says why. */
export class ProfilingUnavailableError extends TasklensError {
  protected readonly [symbol] = true;

  constructor(message: string) {
    super({ name: 'TasklensProfilingUnavailableError', message });
  }

  static override isInstance(error: unknown): error is ProfilingUnavailableError {
    return TasklensError.hasMarker(error, marker);
  }
}
