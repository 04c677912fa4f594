import { TasklensError } from './tasklens-error';

const marker = 'tasklens.error.TasklensInvalidOptionError';
const symbol = Symbol.for(marker);

/** An option, argument or field has a value we cannot use. `option` names what to fix. */
export class InvalidOptionError extends TasklensError {
  protected readonly [symbol] = true;
  /** Dotted path of the option or field to fix, e.g. `wandbInit.project` or `inputs.x[2]`. */
  readonly option: string;

  constructor({ option, message, cause }: { option: string; message: string; cause?: unknown }) {
    super({ name: 'TasklensInvalidOptionError', message, cause });
    this.option = option;
  }

  static override isInstance(error: unknown): error is InvalidOptionError {
    return TasklensError.hasMarker(error, marker);
  }
}
