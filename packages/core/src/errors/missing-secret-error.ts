import { TasklensError } from './tasklens-error';

const marker = 'tasklens.error.TasklensMissingSecretError';
const symbol = Symbol.for(marker);

/**
 * A secret could not be found. The message is flytekit's (it names the env var and file that were
 * tried) and never contains a secret value.
 */
export class MissingSecretError extends TasklensError {
  protected readonly [symbol] = true;
  readonly group: string | undefined;
  readonly key: string | undefined;
  readonly environmentVariable: string;
  readonly filePath: string;

  constructor(options: {
    group: string | undefined;
    key: string | undefined;
    environmentVariable: string;
    filePath: string;
    message: string;
  }) {
    super({ name: 'TasklensMissingSecretError', message: options.message });
    this.group = options.group;
    this.key = options.key;
    this.environmentVariable = options.environmentVariable;
    this.filePath = options.filePath;
  }

  static override isInstance(error: unknown): error is MissingSecretError {
    return TasklensError.hasMarker(error, marker);
  }
}
