// The task-author API of @tasklens/core: declare tasks and workflows, read the execution context,
// add decks, request secrets, pass files. What plugin authors need (decorator building blocks,
// the type engine, storage, tracking transport, logging) is in `@tasklens/core/plugin`; the Flyte
// entrypoint's internals are not exported.
export { TaskCheckpoint, taskCheckpoint } from './checkpoint/task-checkpoint';
export { currentContext } from './context/current-context';
export type { CheckpointLocation, ExecutionContext } from './context/execution-context';
export type { ExecutionIdentifier, TaskIdentifier } from './context/execution-identifiers';
export type { ExecutionMode } from './context/execution-mode';
export { Deck, type DeckOptions } from './decks/deck';
export { DeckField, defaultDeckFields } from './decks/deck-field';
export type { TimelineDeck, TimelineEntry } from './decks/timeline-deck';
export type { Decorate, Decorated, DecoratedFunction, DecoratorMarks } from './decorators/create-decorator';
export type { DecoratorFactory } from './decorators/define-decorator';
export { TaskLoadError } from './entrypoint/load-task';
export { RecoverableError } from './entrypoint/recoverable-error';
export { ApiCallError } from './errors/api-call-error';
export { CheckpointError } from './errors/checkpoint-error';
export { CorruptFileError } from './errors/corrupt-file-error';
export { CorruptInputsError } from './errors/corrupt-inputs-error';
export { InvalidOptionError } from './errors/invalid-option-error';
export { InvalidStateError } from './errors/invalid-state-error';
export { MissingAttributeError } from './errors/missing-attribute-error';
export { MissingDependencyError } from './errors/missing-dependency-error';
export { MissingSecretError } from './errors/missing-secret-error';
export { NoContextError } from './errors/no-context-error';
export { TaskInputError } from './errors/task-input-error';
export { TasklensError, type TasklensErrorOptions } from './errors/tasklens-error';
export { TerminatedError } from './errors/terminated-error';
export { escapeHtml } from './html/escape-html';
export { Secret, type SecretMountRequirement, type SecretOptions } from './secrets/secret';
export { SecretReadError } from './secrets/secret-read-error';
export { isTask, type Task, type TaskFunction, type TaskResult, task } from './task/task';
export type { TaskOptions, TaskOutputs } from './task/task-options';
export { isWorkflow, type Workflow, type WorkflowOptions, workflow } from './task/workflow';
export {
  logMetrics,
  logParams,
  type TrackingMetadata,
  trackers,
  trackingMetadata,
} from './tracking/tracker-registry';
export type { TrackerRun } from './tracking/tracker-run';
export type { BlobTypeOptions, FileTypeOptions } from './type-engine/blob-types';
export { FlyteDirectory, FlyteFile } from './type-engine/flyte-file';
export type { CallArguments, InferCallRecord, WithDefault } from './types/call-arguments';
export type { JsonValue, ListTypeDescriptor, MapTypeDescriptor } from './types/collection-types';
export type { EnumTypeDescriptor } from './types/enum-type';
export { PreciseDate } from './types/precise-date';
export { PreciseDuration } from './types/precise-duration';
export type { StructTypeDescriptor } from './types/struct-type';
export type { InferRecord, InferType, TypeDescriptor, TypeRecord } from './types/type-descriptor';
export { types } from './types/types';
export type { UnionTypeDescriptor } from './types/union-types';
export { VERSION } from './version';
