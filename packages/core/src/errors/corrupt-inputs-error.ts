import { TasklensError } from './tasklens-error';

const marker = 'tasklens.error.TasklensCorruptInputsError';
const symbol = Symbol.for(marker);

/** The task's inputs file is not a valid `flyteidl.core.LiteralMap`; reported as a recoverable system error. */
export class CorruptInputsError extends TasklensError {
  protected readonly [symbol] = true;
  /** URI of the inputs file that could not be decoded. */
  readonly uri: string;

  constructor({ uri, message, cause }: { uri: string; message: string; cause?: unknown }) {
    super({ name: 'TasklensCorruptInputsError', message, cause });
    this.uri = uri;
  }

  static override isInstance(error: unknown): error is CorruptInputsError {
    return TasklensError.hasMarker(error, marker);
  }
}
