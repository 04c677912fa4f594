import { TasklensError } from './tasklens-error';

const marker = 'tasklens.error.TasklensCheckpointError';
const symbol = Symbol.for(marker);

/** Checkpointing is unavailable or the previous checkpoint cannot be read (flytekit's messages). */
export class CheckpointError extends TasklensError {
  protected readonly [symbol] = true;

  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ name: 'TasklensCheckpointError', message, cause });
  }

  static override isInstance(error: unknown): error is CheckpointError {
    return TasklensError.hasMarker(error, marker);
  }
}
