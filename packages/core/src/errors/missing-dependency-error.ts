import { TasklensError } from './tasklens-error';

const marker = 'tasklens.error.TasklensMissingDependencyError';
const symbol = Symbol.for(marker);

/** An optional peer dependency needed for this call is not installed; the message says what to install. */
export class MissingDependencyError extends TasklensError {
  protected readonly [symbol] = true;
  /** npm name of the missing package, e.g. `@aws-sdk/client-s3`. */
  readonly dependency: string;

  constructor({ dependency, message, cause }: { dependency: string; message: string; cause?: unknown }) {
    super({ name: 'TasklensMissingDependencyError', message, cause });
    this.dependency = dependency;
  }

  static override isInstance(error: unknown): error is MissingDependencyError {
    return TasklensError.hasMarker(error, marker);
  }
}
