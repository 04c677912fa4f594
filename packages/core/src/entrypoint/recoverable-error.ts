import { TasklensError } from '../errors/tasklens-error';

const marker = 'tasklens.error.TasklensRecoverableError';
const symbol = Symbol.for(marker);

/**
 * Throw it from a task to ask Flyte to retry (flytekit's `FlyteRecoverableException`): the error
 * document gets kind RECOVERABLE and code `USER:Recoverable`, so the attempt counts against the
 * task's `retries`. Any other thrown error is a permanent (NON_RECOVERABLE) user error.
 */
export class RecoverableError extends TasklensError {
  readonly [symbol] = true;
  /** The error code written to error.pb. */
  readonly errorCode = 'USER:Recoverable';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super({ name: 'TasklensRecoverableError', message, cause: options.cause });
  }

  static override isInstance(error: unknown): error is RecoverableError {
    return TasklensError.hasMarker(error, marker);
  }
}
