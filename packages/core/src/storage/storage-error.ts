import { TasklensError } from '../errors/tasklens-error';

const marker = 'tasklens.error.TasklensStorageError';
const symbol = Symbol.for(marker);

/**
 * Reading or writing the blob store failed (unreachable endpoint, missing object, denied access).
 * The entrypoint reports it as a recoverable system error, as flytekit does for data transfer.
 */
export class StorageError extends TasklensError {
  readonly [symbol] = true;
  /** The URI that could not be read or written. */
  readonly uri: string;

  constructor({ uri, message, cause }: { uri: string; message: string; cause?: unknown }) {
    super({ name: 'TasklensStorageError', message, cause });
    this.uri = uri;
  }

  static override isInstance(error: unknown): error is StorageError {
    return TasklensError.hasMarker(error, marker);
  }
}

/** The message of any thrown value, for wrapping into a StorageError. */
export function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' && !error.message.includes(code)
      ? `${code}: ${error.message}`
      : error.message;
  }
  return String(error);
}
