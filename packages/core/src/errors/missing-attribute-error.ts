import { TasklensError } from './tasklens-error';

const marker = 'tasklens.error.TasklensMissingAttributeError';
const symbol = Symbol.for(marker);

/** A context attribute a plugin should have set is absent (flytekit's message), e.g. the tracker run. */
export class MissingAttributeError extends TasklensError {
  protected readonly [symbol] = true;
  /** Name of the missing attribute, e.g. `WANDB_RUN`. */
  readonly attribute: string;

  constructor({ attribute, message, cause }: { attribute: string; message: string; cause?: unknown }) {
    super({ name: 'TasklensMissingAttributeError', message, cause });
    this.attribute = attribute;
  }

  static override isInstance(error: unknown): error is MissingAttributeError {
    return TasklensError.hasMarker(error, marker);
  }
}
