import { tmpdir } from 'node:os';
import { createTaskExecutionContext, getOneOf } from '../context/create-task-execution-context';
import type { ExecutionContext } from '../context/execution-context';
import { writeDeck } from '../decks/write-deck';
import { CorruptInputsError } from '../errors/corrupt-inputs-error';
import { TaskInputError } from '../errors/task-input-error';
import { TerminatedError } from '../errors/terminated-error';
import { createLogger } from '../logging/logger';
import { FileAccess } from '../storage/file-access';
import type { StorageAdapter } from '../storage/storage-adapter';
import { joinUri } from '../storage/storage-adapter';
import { StorageError } from '../storage/storage-error';
import type { Task } from '../task/task';
import { type ErrorClassification, userErrorCode } from './error-classification';
import type { ExecuteArguments } from './execute-arguments';
import { loadTask } from './load-task';
import { readPlainInputs, writePlainOutputs } from './primitive-fast-path';
import { RecoverableError } from './recoverable-error';

// The type engine and protobuf-es are imported only when needed: a task with plain primitive inputs
// and outputs is converted without them, which is most of a trivial task's cold start (issue #16).
const typeEngineConversion = () => import('./type-engine-conversion');

const logger = createLogger('tasklens:execute');

export interface TaskExecutorOptions {
  /** Pod environment; default `process.env`. */
  environment?: Readonly<Record<string, string | undefined>>;
  /** Directory the task module path is resolved against; default `process.cwd()`. */
  cwd?: string;
  /** Storage adapters by scheme, replacing the built-in ones (tests). */
  adapters?: Readonly<Record<string, StorageAdapter>>;
  /** Loads the task instead of importing `taskModule` (tests, embedding). */
  loadTask?: (modulePath: string, taskName: string) => Promise<Task<any, any>>;
}

/** What an execution left behind. */
export interface ExecutionOutcome {
  /** `outputs`: outputs.pb written; `error`: error.pb written; `none`: nothing could be written. */
  wrote: 'outputs' | 'error' | 'none';
  /** The process exit code pyflyte-execute would use (0 unless FLYTE_FAIL_ON_ERROR and an error). */
  exitCode: number;
  /** The error document's classification, when one was written. */
  classification?: ErrorClassification;
  /** URI of deck.html when it was uploaded. */
  deckUri?: string;
}

/** An error tagged with where it happened. */
class StageFailure extends Error {
  constructor(
    readonly error: unknown,
    readonly classification: ErrorClassification,
  ) {
    super('stage failure');
  }
}

const system = (recoverable: boolean): ErrorClassification => ({
  origin: 'system',
  recoverable,
  code: 'SYSTEM',
});

/** Storage trouble is retryable; anything else while converting data is the platform's permanent failure (flytekit). */
function conversionFailure(error: unknown): StageFailure {
  return new StageFailure(error, system(StorageError.isInstance(error)));
}

function userFailure(error: unknown): StageFailure {
  // flytekit converts outputs outside user code: a wrong return value is a non-recoverable system error there.
  if (TaskInputError.isInstance(error) && error.path.startsWith('outputs'))
    return new StageFailure(error, system(false));
  return new StageFailure(error, {
    origin: 'user',
    recoverable: RecoverableError.isInstance(error),
    code: userErrorCode(error),
  });
}

function isTruthy(value: string | undefined): boolean {
  return ['true', 't', '1'].includes((value ?? '').trim().toLowerCase());
}

/**
 * Runs one task attempt under the pyflyte-execute contract: read inputs.pb, run the task, write
 * outputs.pb or error.pb under the output prefix, upload deck.html when decks are on (also after a
 * failure). `terminate()` (SIGTERM) writes a recoverable system error if the task is still running.
 */
export class TaskExecutor {
  private readonly environment: Readonly<Record<string, string | undefined>>;
  private readonly fileAccessForErrors: FileAccess;
  private state: 'running' | 'finishing' | 'done' = 'running';
  private context: ExecutionContext | undefined;
  private task: Task | undefined;
  private finishing: Promise<ExecutionOutcome> | undefined;

  constructor(
    private readonly args: ExecuteArguments,
    private readonly options: TaskExecutorOptions = {},
  ) {
    this.environment = options.environment ?? process.env;
    this.fileAccessForErrors = this.createFileAccess(tmpdir());
  }

  private createFileAccess(localDirectory: string): FileAccess {
    return new FileAccess({
      rawOutputPrefix: this.args.rawOutputDataPrefix ?? joinUri(localDirectory, 'raw'),
      localDirectory,
      environment: this.environment,
      adapters: this.options.adapters,
    });
  }

  /** Runs the attempt to completion; never throws. */
  async run(): Promise<ExecutionOutcome> {
    let outputs: Uint8Array;
    try {
      outputs = await this.produceOutputs();
    } catch (error) {
      const failure = error instanceof StageFailure ? error : new StageFailure(error, system(true));
      return this.finish({ failure });
    }
    return this.finish({ outputs });
  }

  /** SIGTERM: records a recoverable system error unless outputs are already being written. */
  async terminate(signal: string): Promise<ExecutionOutcome> {
    const error = new TerminatedError({
      signal,
      message: `Task process received ${signal} (the pod is being stopped, e.g. preempted or aborted); the attempt can be retried`,
    });
    return this.finish({ failure: new StageFailure(error, system(true)) });
  }

  /**
   * An exception thrown in a timer or a promise rejection nobody awaited, in task code: Node would
   * exit 1 with nothing written; this records it as the task's user error (error.pb, deck kept).
   */
  async failUncaught(
    error: unknown,
    source: 'uncaughtException' | 'unhandledRejection',
  ): Promise<ExecutionOutcome> {
    // plain-error: the user's own error (or a thrown non-Error) keeps its own name in error.pb.
    const original = error instanceof Error ? error : new Error(String(error));
    // plain-error: re-describes the user's error under its name, as flytekit reports it.
    const described = new Error(
      `${source === 'unhandledRejection' ? 'Unhandled promise rejection' : 'Uncaught exception'} in task code: ${original.message}`,
      { cause: original },
    );
    described.name = original.name;
    if (original.stack !== undefined)
      described.stack = original.stack.replace(original.message, described.message);
    return this.finish({ failure: userFailure(described) });
  }

  /** outputs.pb's bytes. */
  private async produceOutputs(): Promise<Uint8Array> {
    const { args } = this;
    let task: Task;
    try {
      task = await (this.options.loadTask ?? ((module, name) => loadTask(module, name, this.options.cwd)))(
        args.taskModule,
        args.taskName,
      );
    } catch (error) {
      // flytekit: "If the task can not be loaded, then it's most likely a user error."
      throw userFailure(error);
    }
    this.task = task;
    const context = createTaskExecutionContext({
      environment: this.environment,
      taskName: task.taskName,
      rawOutputPrefix: args.rawOutputDataPrefix,
      outputPrefix: args.outputPrefix,
      checkpointPath: args.checkpointPath,
      previousCheckpointPath: args.previousCheckpoint,
      enableDeck: task.enableDeck,
    });
    this.context = context;
    const fileAccess = new FileAccess({
      rawOutputPrefix: context.rawOutputPrefix,
      localDirectory: context.workingDirectory,
      environment: this.environment,
      adapters: this.options.adapters,
    });

    let inputs: Record<string, unknown>;
    try {
      const bytes = await fileAccess.read(args.inputs);
      const plain = args.mapTask === undefined ? readPlainInputs(bytes, task.inputs) : undefined;
      inputs =
        plain ??
        (await (await typeEngineConversion()).readInputs(bytes, args, task, this.environment, fileAccess));
    } catch (error) {
      // A corrupt inputs.pb or unreachable store is recoverable (flytekit's generic branch); a
      // literal that does not fit the interface is a non-recoverable system error (flytekit).
      throw new StageFailure(
        error,
        system(StorageError.isInstance(error) || CorruptInputsError.isInstance(error)),
      );
    }

    let execution: Awaited<ReturnType<Task['execute']>>;
    try {
      execution = await task.execute(context, inputs);
    } catch (error) {
      throw userFailure(error);
    }

    try {
      // Offloading (`_F_L_MIN_SIZE_MB`) may move a large literal out of outputs.pb: the type engine's path.
      const plain =
        this.environment._F_L_MIN_SIZE_MB === undefined
          ? writePlainOutputs(execution.outputs, task.outputs)
          : undefined;
      if (plain !== undefined) return plain;
      const { encodeOutputs } = await typeEngineConversion();
      return await encodeOutputs(execution.outputs, task, this.environment, args.outputPrefix, fileAccess);
    } catch (error) {
      throw conversionFailure(error);
    }
  }

  private finish(result: { outputs?: Uint8Array; failure?: StageFailure }): Promise<ExecutionOutcome> {
    // The first caller (normal completion or SIGTERM) writes the result; a later one waits for it.
    if (this.state !== 'running') return this.finishing!;
    this.state = 'finishing';
    this.finishing = this.writeResult(result).finally(() => {
      this.state = 'done';
    });
    return this.finishing;
  }

  private async writeResult(result: {
    outputs?: Uint8Array;
    failure?: StageFailure;
  }): Promise<ExecutionOutcome> {
    const { args } = this;
    const fileAccess = this.fileAccessForErrors;
    let outcome: ExecutionOutcome = { wrote: 'none', exitCode: 1 };
    if (result.outputs !== undefined) {
      try {
        await fileAccess.write(joinUri(args.outputPrefix, 'outputs.pb'), result.outputs);
        logger.info(`Engine outputs written to ${joinUri(args.outputPrefix, 'outputs.pb')}`);
        outcome = { wrote: 'outputs', exitCode: 0 };
      } catch (error) {
        result = { failure: new StageFailure(error, system(true)) };
      }
    }
    if (result.failure !== undefined) outcome = await this.writeError(result.failure);
    const deckUri = await this.uploadDeck();
    return deckUri === undefined ? outcome : { ...outcome, deckUri };
  }

  private async writeError(failure: StageFailure): Promise<ExecutionOutcome> {
    const distributed = getOneOf(this.environment, 'FLYTE_INTERNAL_DIST_ERROR_STRATEGY', '_F_DES') !== '';
    const worker = distributed ? getOneOf(this.environment, 'FLYTE_INTERNAL_WORKER_NAME', '_F_WN') : '';
    // node:crypto is loaded only here: a successful attempt does not need it.
    const fileName = distributed
      ? `error-${(await import('node:crypto')).randomUUID().replaceAll('-', '')}.pb`
      : 'error.pb';
    const { encodeErrorDocument } = await typeEngineConversion();
    const document = encodeErrorDocument(failure.error, failure.classification, worker);
    const { origin, recoverable } = failure.classification;
    logger.error(
      `!! Begin ${origin === 'user' ? 'User' : recoverable ? 'Unknown System' : 'Non-recoverable System'} Error Captured by tasklens !!\n${document.message}\n!! End Error Captured by tasklens !!`,
    );
    try {
      const uri = joinUri(this.args.outputPrefix, fileName);
      await this.fileAccessForErrors.write(uri, document.bytes);
      return {
        wrote: 'error',
        exitCode: isTruthy(this.environment.FLYTE_FAIL_ON_ERROR) ? 1 : 0,
        classification: failure.classification,
      };
    } catch (error) {
      logger.error(`Cannot write the error document: ${(error as Error).message}`);
      return { wrote: 'none', exitCode: 1, classification: failure.classification };
    }
  }

  private async uploadDeck(): Promise<string | undefined> {
    const { context, task } = this;
    if (context === undefined || task === undefined || !task.enableDeck) return undefined;
    const uri = joinUri(this.args.outputPrefix, 'deck.html');
    let uploaded = false;
    await writeDeck(context, async (localPath) => {
      await this.fileAccessForErrors.uploadFile(localPath, uri, { contentType: 'text/html' });
      uploaded = true;
    });
    return uploaded ? uri : undefined;
  }
}
