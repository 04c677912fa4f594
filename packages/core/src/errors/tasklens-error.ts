const marker = 'tasklens.error';
const symbol = Symbol.for(marker);

export interface TasklensErrorOptions {
  /** The error's name, e.g. `TasklensInvalidOptionError`. */
  name: string;
  message: string;
  cause?: unknown;
}

/**
 * Base class of every error tasklens throws. It carries a `Symbol.for` brand so that
 * `TasklensError.isInstance` works across duplicated copies of `@tasklens/core`, where
 * `instanceof` does not.
 */
export class TasklensError extends Error {
  protected readonly [symbol] = true;

  constructor({ name, message, cause }: TasklensErrorOptions) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = name;
  }

  /** True for any tasklens error, from any copy of the package. */
  static isInstance(error: unknown): error is TasklensError {
    return TasklensError.hasMarker(error, marker);
  }

  protected static hasMarker(error: unknown, markerName: string): boolean {
    return (
      error != null &&
      typeof error === 'object' &&
      Symbol.for(markerName) in error &&
      (error as Record<symbol, unknown>)[Symbol.for(markerName)] === true
    );
  }
}
