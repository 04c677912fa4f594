import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  ContainerError_Kind,
  type ErrorDocument,
  ErrorDocumentSchema,
  ExecutionError_ErrorKind,
} from '../protobuf/flyteidl';
import { redactSecrets } from '../secrets/secret-redactor';
import type { ErrorClassification } from './error-classification';

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : `    ${line}`))
    .join('\n');
}

/**
 * flytekit's `get_traceback_str` layout: `Trace:` + the indented stack, then `Message:` + the
 * indented `<ErrorName>: <message>`. Registered secret values are redacted.
 */
export function formatErrorMessage(error: unknown): string {
  const name = error instanceof Error ? error.name : typeof error;
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error && error.stack ? error.stack : `${name}: ${message}`;
  let trace = stack;
  let cause = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; cause !== undefined && depth < 5; depth++) {
    trace += `\nCaused by: ${cause instanceof Error ? (cause.stack ?? `${cause.name}: ${cause.message}`) : String(cause)}`;
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  // The labels are ours and stay readable even when a secret is an ordinary word (`Trace`).
  return `Trace:\n\n${indent(redactSecrets(trace))}\n\nMessage:\n\n${indent(redactSecrets(`${name}: ${message}`))}`;
}

/** The `ErrorDocument` for error.pb. */
export function buildErrorDocument(
  error: unknown,
  classification: ErrorClassification,
  options: { worker?: string; now?: Date } = {},
): ErrorDocument {
  return create(ErrorDocumentSchema, {
    error: {
      code: classification.code,
      message: formatErrorMessage(error),
      kind: classification.recoverable
        ? ContainerError_Kind.RECOVERABLE
        : ContainerError_Kind.NON_RECOVERABLE,
      origin:
        classification.origin === 'user' ? ExecutionError_ErrorKind.USER : ExecutionError_ErrorKind.SYSTEM,
      timestamp: timestampFromDate(options.now ?? new Date()),
      worker: options.worker ?? '',
    },
  });
}
