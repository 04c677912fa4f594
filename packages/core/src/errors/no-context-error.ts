import { TasklensError } from './tasklens-error';

const marker = 'tasklens.error.TasklensNoContextError';
const symbol = Symbol.for(marker);

/** `currentContext()` was called outside a running task. */
export class NoContextError extends TasklensError {
  protected readonly [symbol] = true;

  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ name: 'TasklensNoContextError', message, cause });
  }

  static override isInstance(error: unknown): error is NoContextError {
    return TasklensError.hasMarker(error, marker);
  }
}
