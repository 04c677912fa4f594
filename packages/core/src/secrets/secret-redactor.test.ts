import { describe, expect, it } from 'vitest';
import { formatErrorMessage } from '../entrypoint/error-document';
import { redactSecrets, registerSecretValue } from './secret-redactor';

describe('secret redaction policy', () => {
  it('masks secrets shorter than 4 characters as whole tokens only', () => {
    registerSecretValue('q7');
    expect(redactSecrets('token=q7; next')).toBe('token=***; next');
    expect(redactSecrets('aq7b and 1q72')).toBe('aq7b and 1q72');
  });

  it('masks URL-encoded (upper and lower hex, + for spaces) and JSON-escaped copies', () => {
    const secret = 'p@ss wörd/"x"';
    registerSecretValue(secret);
    const percent = encodeURIComponent(secret);
    expect(redactSecrets(`https://h/?key=${percent}`)).toBe('https://h/?key=***');
    const lowerHex = percent.replace(/%[0-9A-F]{2}/g, (sequence) => sequence.toLowerCase());
    expect(redactSecrets(`key=${lowerHex}`)).toBe('key=***');
    expect(redactSecrets(`key=${percent.replaceAll('%20', '+')}`)).toBe('key=***');
    expect(redactSecrets(JSON.stringify({ key: secret }))).toBe('{"key":"***"}');
  });

  it('masks a secret that is an ordinary word in messages but keeps the labels tasklens writes', () => {
    registerSecretValue('Trace');
    const message = formatErrorMessage(new Error('Trace of the failure'));
    expect(message.startsWith('Trace:\n\n')).toBe(true);
    expect(message).toContain('\n\nMessage:\n\n    Error: *** of the failure');
  });

  it('masks the longer of two overlapping secrets whole', () => {
    registerSecretValue('abcd');
    registerSecretValue('abcdefgh-long');
    expect(redactSecrets('v=abcdefgh-long')).toBe('v=***');
  });
});
