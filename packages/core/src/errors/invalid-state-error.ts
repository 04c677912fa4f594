import { TasklensError } from './tasklens-error';

const marker = 'tasklens.error.TasklensInvalidStateError';
const symbol = Symbol.for(marker);

/**
 * A call came when its object could no longer take it (a closed writer, a run that was never
 * created, a record saved twice). `subject` names the object, e.g. `offlineRun`.
 */
export class InvalidStateError extends TasklensError {
  protected readonly [symbol] = true;
  /** The object in the wrong state, e.g. `offlineRun` or `experiment`. */
  readonly subject: string;

  constructor({ subject, message, cause }: { subject: string; message: string; cause?: unknown }) {
    super({ name: 'TasklensInvalidStateError', message, cause });
    this.subject = subject;
  }

  static override isInstance(error: unknown): error is InvalidStateError {
    return TasklensError.hasMarker(error, marker);
  }
}
