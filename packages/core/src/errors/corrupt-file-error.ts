import { TasklensError } from './tasklens-error';

const marker = 'tasklens.error.TasklensCorruptFileError';
const symbol = Symbol.for(marker);

/**
 * A file tasklens reads (an offline archive, a run journal, a tracker's database) is not in the
 * format it should be: truncated, another format, or a part missing. `field` names the part.
 */
export class CorruptFileError extends TasklensError {
  protected readonly [symbol] = true;
  /** The file, or undefined when only its bytes were at hand. */
  readonly path: string | undefined;
  /** The part of the file that is wrong, e.g. `experiment.json` or `record.field`. */
  readonly field: string;

  constructor(options: { path?: string | undefined; field: string; message: string; cause?: unknown }) {
    super({ name: 'TasklensCorruptFileError', message: options.message, cause: options.cause });
    this.path = options.path;
    this.field = options.field;
  }

  static override isInstance(error: unknown): error is CorruptFileError {
    return TasklensError.hasMarker(error, marker);
  }
}
