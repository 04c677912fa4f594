export { TaskCheckpoint, taskCheckpoint } from './checkpoint/task-checkpoint';
export { type DescribedVariable, describeTask, type TaskDescription } from './cli/describe-task';
export { findCurrentContext, runInContext } from './context/context-storage';
export { createLocalContext, type LocalContextOptions } from './context/create-local-context';
export {
  createTaskExecutionContext,
  type TaskExecutionContextOptions,
} from './context/create-task-execution-context';
export { currentContext } from './context/current-context';
export {
  type CheckpointLocation,
  ExecutionContext,
  type ExecutionContextInit,
} from './context/execution-context';
export {
  type ExecutionIdentifier,
  formatExecutionIdentifier,
  type TaskIdentifier,
} from './context/execution-identifiers';
export { type ExecutionMode, isLocalExecution } from './context/execution-mode';
export { randomLocalDirectory } from './context/local-sandbox';
export { Deck, type DeckOptions } from './decks/deck';
export { DeckField, defaultDeckFields } from './decks/deck-field';
export { renderDeckHtml } from './decks/render-deck-html';
export { TimelineDeck, type TimelineEntry } from './decks/timeline-deck';
export { type DeckUploader, writeDeck } from './decks/write-deck';
export { createDecorator, type Decorate, type DecoratedFunction } from './decorators/create-decorator';
export { decoratorsOf, unwrapFunction } from './decorators/decorator-symbols';
export { type DecoratorFactory, defineDecorator } from './decorators/define-decorator';
export { mergeExtraConfig } from './decorators/merge-extra-config';
export type { TaskDecorator } from './decorators/task-decorator';
export {
  buildErrorDocument,
  type ErrorClassification,
  formatErrorMessage,
} from './entrypoint/error-document';
export { type ExecuteArguments, parseExecuteArguments } from './entrypoint/execute-arguments';
export { loadTask, TaskLoadError } from './entrypoint/load-task';
export { RecoverableError } from './entrypoint/recoverable-error';
export { type ExecutionOutcome, TaskExecutor, type TaskExecutorOptions } from './entrypoint/task-executor';
export { ApiCallError, isRetryableStatus } from './errors/api-call-error';
export { CheckpointError } from './errors/checkpoint-error';
export { CorruptInputsError } from './errors/corrupt-inputs-error';
export { InvalidOptionError } from './errors/invalid-option-error';
export { MissingAttributeError } from './errors/missing-attribute-error';
export { MissingDependencyError } from './errors/missing-dependency-error';
export { MissingSecretError } from './errors/missing-secret-error';
export { NoContextError } from './errors/no-context-error';
export { TaskInputError } from './errors/task-input-error';
export { TasklensError, type TasklensErrorOptions } from './errors/tasklens-error';
export { TerminatedError } from './errors/terminated-error';
export { type GlobalSlot, type GlobalSlotOwner, globalSlot } from './globals/global-slot';
export { escapeHtml } from './html/escape-html';
export { type ExecutionUrlParts, executionUrl } from './ids/execution-url';
export { fixedLengthUniqueId, fnv1a32, nestedNodeId, podName } from './ids/fixed-length-unique-id';
export { escapeForLog } from './logging/escape-for-log';
export { createLogger, type Logger, type LogLevel, type LogSink, setLogSink } from './logging/logger';
export { decodeErrorDocument, decodeLiteralMap, encodeLiteralMap } from './protobuf/codec';
export * as flyteidl from './protobuf/flyteidl';
export { Secret, type SecretMountRequirement, type SecretOptions } from './secrets/secret';
export { redactSecrets, registerSecretValue } from './secrets/secret-redactor';
export { loadSecretsConfig, type SecretsConfig } from './secrets/secrets-config';
export { type SecretLookup, SecretsManager, type SecretsManagerOptions } from './secrets/secrets-manager';
export { FileAccess, type FileAccessOptions } from './storage/file-access';
export type { StorageAdapter, WriteOptions } from './storage/storage-adapter';
export { StorageError } from './storage/storage-error';
export type { TaskExecution } from './task/dispatch-execute';
export { isTask, type Task, type TaskFunction, type TaskResult, task } from './task/task';
export type { TaskOptions, TaskOutputs } from './task/task-options';
export { workflow } from './task/workflow';
export * from './tracking/index';
export type { BlobTypeDescriptor } from './type-engine/blob-transformers';
export type { BlobTypeOptions, FileTypeOptions } from './type-engine/blob-types';
export { type CustomBlobTypeOptions, defineBlobType } from './type-engine/define-blob-type';
export { FlyteDirectory, FlyteFile } from './type-engine/flyte-file';
export { blobLiteral, blobLiteralType } from './type-engine/literal-builders';
export type { LiteralContext, LiteralTransformer } from './type-engine/literal-transformer';
export { registerLiteralTransformer } from './type-engine/transformer-registry';
export {
  fromLiteral,
  literalMapToValues,
  literalTypeOf,
  toLiteral,
  valuesToLiteralMap,
} from './type-engine/type-engine';
export type { JsonValue, ListTypeDescriptor, MapTypeDescriptor } from './types/collection-types';
export type { InferRecord, InferType, TypeDescriptor, TypeRecord } from './types/type-descriptor';
export { types } from './types/types';
export { VERSION } from './version';
