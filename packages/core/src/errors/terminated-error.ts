import { TasklensError } from './tasklens-error';

const marker = 'tasklens.error.TasklensTerminatedError';
const symbol = Symbol.for(marker);

/** The task process received a termination signal (the pod is stopping); the attempt can be retried. */
export class TerminatedError extends TasklensError {
  protected readonly [symbol] = true;
  /** The signal received, e.g. `SIGTERM`. */
  readonly signal: string;

  constructor({ signal, message, cause }: { signal: string; message: string; cause?: unknown }) {
    super({ name: 'TasklensTerminatedError', message, cause });
    this.signal = signal;
  }

  static override isInstance(error: unknown): error is TerminatedError {
    return TasklensError.hasMarker(error, marker);
  }
}
