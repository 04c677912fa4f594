import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { ContainerError_Kind, ErrorDocumentSchema, ExecutionError_ErrorKind } from '../protobuf/flyteidl';
import { registerSecretValue } from '../secrets/secret-redactor';
import { userErrorCode } from './error-classification';
import { buildErrorDocument, formatErrorMessage } from './error-document';
import { RecoverableError } from './recoverable-error';

describe('error documents', () => {
  it('builds a USER, NON_RECOVERABLE ContainerError with a timestamp and worker', () => {
    const now = new Date('2026-01-02T03:04:05.678Z');
    const document = buildErrorDocument(
      new TypeError('bad rows'),
      { origin: 'user', recoverable: false, code: 'USER:RuntimeError' },
      { worker: 'worker-0', now },
    );
    const decoded = fromBinary(ErrorDocumentSchema, toBinary(ErrorDocumentSchema, document));
    expect(decoded.error).toMatchObject({
      code: 'USER:RuntimeError',
      kind: ContainerError_Kind.NON_RECOVERABLE,
      origin: ExecutionError_ErrorKind.USER,
      worker: 'worker-0',
    });
    expect(decoded.error?.timestamp?.seconds).toBe(BigInt(Math.floor(now.getTime() / 1000)));
    expect(decoded.error?.timestamp?.nanos).toBe(678_000_000);
  });

  it('builds a recoverable SYSTEM error', () => {
    const document = buildErrorDocument(new Error('storage down'), {
      origin: 'system',
      recoverable: true,
      code: 'SYSTEM',
    });
    expect(document.error).toMatchObject({
      code: 'SYSTEM',
      kind: ContainerError_Kind.RECOVERABLE,
      origin: ExecutionError_ErrorKind.SYSTEM,
    });
  });

  it("formats flytekit's Trace / Message layout, with causes", () => {
    const error = new Error('outer', { cause: new RangeError('inner') });
    const message = formatErrorMessage(error);
    expect(message).toMatch(/^Trace:\n\n {4}Error: outer\n {8}at /);
    expect(message).toContain('    Caused by: RangeError: inner');
    expect(message.endsWith('\n\nMessage:\n\n    Error: outer')).toBe(true);
    expect(formatErrorMessage('plain string')).toContain('Message:\n\n    string: plain string');
  });

  it('never writes a registered secret value', () => {
    const sentinel = 'sentinel-secret-4f1c9a';
    registerSecretValue(sentinel);
    const document = buildErrorDocument(new Error(`login failed with key ${sentinel}`), {
      origin: 'user',
      recoverable: false,
      code: 'USER:RuntimeError',
    });
    const bytes = Buffer.from(toBinary(ErrorDocumentSchema, document));
    expect(bytes.includes(Buffer.from(sentinel))).toBe(false);
  });

  it("uses the error's own code like flytekit's error_code, else USER:RuntimeError", () => {
    expect(userErrorCode(new Error('x'))).toBe('USER:RuntimeError');
    expect(userErrorCode(Object.assign(new Error('x'), { errorCode: 'USER:DataMissing' }))).toBe(
      'USER:DataMissing',
    );
    expect(userErrorCode(Object.assign(new Error('x'), { errorCode: 42 }))).toBe('42');
    expect(userErrorCode(new RecoverableError('try again'))).toBe('USER:Recoverable');
  });
});
