// `@tasklens/core/plugin`: what a provider package (a tracker, a profiler, a data type) builds on —
// decorators, the execution context's plumbing, secrets redaction, logging, decks, the type engine
// and flyteidl, storage and the tracking transport. Task authors need only `@tasklens/core`.
export { type DescribedVariable, describeTask, type TaskDescription } from '../cli/describe-task';
export { suggestNearest } from '../cli/suggest-nearest';
export { findCurrentContext, runInContext } from '../context/context-storage';
export { createLocalContext, type LocalContextOptions } from '../context/create-local-context';
export {
  createTaskExecutionContext,
  type TaskExecutionContextOptions,
} from '../context/create-task-execution-context';
export { ExecutionContext, type ExecutionContextInit } from '../context/execution-context';
export { formatExecutionIdentifier } from '../context/execution-identifiers';
export { isLocalExecution } from '../context/execution-mode';
export { randomLocalDirectory } from '../context/local-sandbox';
export { renderDeckHtml } from '../decks/render-deck-html';
export { TimelineDeck } from '../decks/timeline-deck';
export { type DeckUploader, writeDeck } from '../decks/write-deck';
export { createDecorator } from '../decorators/create-decorator';
export { decoratorsOf, unwrapFunction } from '../decorators/decorator-symbols';
export { defineDecorator } from '../decorators/define-decorator';
export { mergeExtraConfig } from '../decorators/merge-extra-config';
export type { TaskDecorator } from '../decorators/task-decorator';
export { loadTask } from '../entrypoint/load-task';
export { isRetryableStatus } from '../errors/api-call-error';
export { type GlobalSlot, type GlobalSlotOwner, globalSlot } from '../globals/global-slot';
export { type ExecutionUrlParts, executionUrl } from '../ids/execution-url';
export { fixedLengthUniqueId, nestedNodeId, podName } from '../ids/fixed-length-unique-id';
export { type ConsoleStream, captureConsole } from '../logging/capture-console';
export { escapeForLog } from '../logging/escape-for-log';
export { createLogger, type Logger, type LogLevel, type LogSink, setLogSink } from '../logging/logger';
export {
  booleanOption,
  type DeclaredOptions,
  type DeclaredValues,
  declareOption,
  integerOption,
  numberOption,
  type OptionDeclaration,
  objectOption,
  pathOption,
  rejectUnknownOptions,
  resolveAtExecution,
  resolveDeclaredOptions,
  textOption,
} from '../options/option-declaration';
export { decodeErrorDocument, decodeLiteralMap, encodeLiteralMap } from '../protobuf/codec';
export * as flyteidl from '../protobuf/flyteidl';
export { readSecretSource, type SecretSource, secretOption } from '../secrets/secret-option';
export { redactSecrets, registerSecretValue } from '../secrets/secret-redactor';
export { loadSecretsConfig, type SecretsConfig } from '../secrets/secrets-config';
export { type SecretLookup, SecretsManager, type SecretsManagerOptions } from '../secrets/secrets-manager';
export { FileAccess, type FileAccessOptions } from '../storage/file-access';
export type { StorageAdapter, WriteOptions } from '../storage/storage-adapter';
export { StorageError } from '../storage/storage-error';
export type { TaskExecution } from '../task/dispatch-execute';
export * from '../tracking/index';
export type { BlobTypeDescriptor } from '../type-engine/blob-transformers';
export { type CustomBlobTypeOptions, defineBlobType } from '../type-engine/define-blob-type';
export { blobLiteral, blobLiteralType } from '../type-engine/literal-builders';
export type {
  LiteralContext,
  LiteralTransformer,
  TransformedDescriptor,
} from '../type-engine/literal-transformer';
export { registerLiteralTransformer } from '../type-engine/transformer-registry';
export {
  fromLiteral,
  literalMapToValues,
  literalTypeOf,
  toLiteral,
  valuesToLiteralMap,
} from '../type-engine/type-engine';
