import type { Deck } from '../decks/deck';
import { TimelineDeck } from '../decks/timeline-deck';
import { MissingAttributeError } from '../errors/missing-attribute-error';
import { SecretsManager } from '../secrets/secrets-manager';
import type { ExecutionIdentifier, TaskIdentifier } from './execution-identifiers';
import { type ExecutionMode, isLocalExecution } from './execution-mode';

/** Where a task checkpoints; present only when Flyte passed `--checkpoint-path`. */
export interface CheckpointLocation {
  /** `--checkpoint-path`: where this attempt writes its checkpoint. */
  readonly path: string;
  /** `--prev-checkpoint`: the previous attempt's checkpoint, if any. */
  readonly previousPath: string | undefined;
}

export interface ExecutionContextInit {
  mode: ExecutionMode;
  executionId: ExecutionIdentifier;
  taskId: TaskIdentifier;
  /** Unique node id (`n0`, `n0-0-n1`, …); empty for a lone local task. */
  nodeId: string;
  retryAttempt: number;
  /** Snapshot of the environment the context was built from; plugins read it instead of `process.env`. */
  environment: Readonly<Record<string, string | undefined>>;
  workingDirectory: string;
  sandboxDirectory: string;
  rawOutputPrefix: string;
  outputMetadataPrefix?: string | undefined;
  checkpoint?: CheckpointLocation | undefined;
  enableDeck: boolean;
  /** Short task name (last dotted component) used in log lines and file names. */
  taskName: string;
  decks?: Deck[] | undefined;
  attributes?: Map<string, unknown> | undefined;
  secrets?: SecretsManager | undefined;
  timeline?: TimelineDeck | undefined;
}

/**
 * What `currentContext()` returns inside a running task: flytekit's `ExecutionParameters`.
 * Derived contexts (`with`) share the deck list and timeline, as flytekit's builder does, so decks
 * a plugin adds inside its child context still reach the task's `deck.html`.
 */
export class ExecutionContext {
  readonly mode: ExecutionMode;
  readonly executionId: Readonly<ExecutionIdentifier>;
  readonly taskId: Readonly<TaskIdentifier>;
  readonly nodeId: string;
  readonly retryAttempt: number;
  readonly environment: Readonly<Record<string, string | undefined>>;
  readonly workingDirectory: string;
  readonly sandboxDirectory: string;
  readonly rawOutputPrefix: string;
  readonly outputMetadataPrefix: string | undefined;
  readonly checkpoint: CheckpointLocation | undefined;
  readonly enableDeck: boolean;
  readonly taskName: string;
  readonly decks: Deck[];
  readonly timeline: TimelineDeck;
  readonly secrets: SecretsManager;
  readonly executionDate: Date;
  private readonly attributes: Map<string, unknown>;

  constructor(init: ExecutionContextInit) {
    this.mode = init.mode;
    this.executionId = Object.freeze({ ...init.executionId });
    this.taskId = Object.freeze({ ...init.taskId });
    this.nodeId = init.nodeId;
    this.retryAttempt = init.retryAttempt;
    this.environment = init.environment;
    this.workingDirectory = init.workingDirectory;
    this.sandboxDirectory = init.sandboxDirectory;
    this.rawOutputPrefix = init.rawOutputPrefix;
    this.outputMetadataPrefix = init.outputMetadataPrefix;
    this.checkpoint = init.checkpoint;
    this.enableDeck = init.enableDeck;
    this.taskName = init.taskName;
    this.decks = init.decks ?? [];
    this.timeline = init.timeline ?? new TimelineDeck();
    this.attributes = new Map(init.attributes);
    this.secrets =
      init.secrets ??
      new SecretsManager({ environment: init.environment, isLocal: isLocalExecution(init.mode) });
    this.executionDate = new Date();
  }

  /** True in the local modes; false in a Flyte task execution. */
  get isLocal(): boolean {
    return isLocalExecution(this.mode);
  }

  /** The pod name Kubernetes put in `HOSTNAME`, when the variable exists. */
  get hostname(): string | undefined {
    return this.environment.HOSTNAME;
  }

  /** `FLYTE_EXECUTION_URL` as propeller sets it (only when a console URL is configured). */
  get executionUrl(): string | undefined {
    return this.environment.FLYTE_EXECUTION_URL;
  }

  /**
   * The default run id the tracking plugins use: `HOSTNAME` if the variable exists (even empty),
   * otherwise the execution name.
   */
  get defaultRunId(): string {
    const hostname = this.environment.HOSTNAME;
    return hostname !== undefined ? hostname : this.executionId.name;
  }

  hasAttribute(name: string): boolean {
    return this.attributes.has(name);
  }

  /** A named attribute a plugin added (e.g. the tracker run); throws flytekit's error if absent. */
  getAttribute<T = unknown>(name: string): T {
    if (!this.attributes.has(name)) {
      throw new MissingAttributeError({
        attribute: name,
        message: `${name} not available as a parameter in Flyte context - are you in right task-type?`,
      });
    }
    return this.attributes.get(name) as T;
  }

  /** A child context with extra attributes (and optional field overrides), sharing decks and timeline. */
  with(overrides: Partial<Omit<ExecutionContextInit, 'decks' | 'timeline'>> = {}): ExecutionContext {
    const attributes = new Map(this.attributes);
    for (const [name, value] of overrides.attributes ?? []) attributes.set(name, value);
    return new ExecutionContext({
      mode: this.mode,
      executionId: this.executionId,
      taskId: this.taskId,
      nodeId: this.nodeId,
      retryAttempt: this.retryAttempt,
      environment: this.environment,
      workingDirectory: this.workingDirectory,
      sandboxDirectory: this.sandboxDirectory,
      rawOutputPrefix: this.rawOutputPrefix,
      outputMetadataPrefix: this.outputMetadataPrefix,
      checkpoint: this.checkpoint,
      enableDeck: this.enableDeck,
      taskName: this.taskName,
      secrets: this.secrets,
      ...overrides,
      attributes,
      decks: this.decks,
      timeline: this.timeline,
    });
  }

  /** A child context carrying one more named attribute. */
  withAttribute(name: string, value: unknown): ExecutionContext {
    return this.with({ attributes: new Map([[name, value]]) });
  }
}
