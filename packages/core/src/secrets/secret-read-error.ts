import { TasklensError } from '../errors/tasklens-error';

const marker = 'tasklens.error.TasklensSecretReadError';
const symbol = Symbol.for(marker);

/**
 * A secret exists but cannot be read as flytekit would read it (a directory, invalid UTF-8, no name
 * parts). The message carries Python's error text and the path; never the secret's value.
 */
export class SecretReadError extends TasklensError {
  protected readonly [symbol] = true;
  /** The file flytekit would read, when the problem is the file. */
  readonly filePath: string | undefined;

  constructor(options: { message: string; filePath?: string | undefined; cause?: unknown }) {
    super({ name: 'TasklensSecretReadError', message: options.message, cause: options.cause });
    this.filePath = options.filePath;
  }

  static override isInstance(error: unknown): error is SecretReadError {
    return TasklensError.hasMarker(error, marker);
  }
}
