import { TasklensError } from './tasklens-error';

const marker = 'tasklens.error.TasklensTaskInputError';
const symbol = Symbol.for(marker);

/** A task input or output does not match the task's declared interface. */
export class TaskInputError extends TasklensError {
  protected readonly [symbol] = true;
  /** Path of the offending value, e.g. `inputs.rows[3]` or `outputs.o0`. */
  readonly path: string;

  constructor({ path, message, cause }: { path: string; message: string; cause?: unknown }) {
    super({ name: 'TasklensTaskInputError', message, cause });
    this.path = path;
  }

  static override isInstance(error: unknown): error is TaskInputError {
    return TasklensError.hasMarker(error, marker);
  }
}
