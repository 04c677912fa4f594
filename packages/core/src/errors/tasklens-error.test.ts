import { describe, expect, it } from 'vitest';
import { ApiCallError } from './api-call-error';
import { InvalidOptionError } from './invalid-option-error';
import { MissingSecretError } from './missing-secret-error';
import { TasklensError } from './tasklens-error';

describe('error classes', () => {
  it('recognise errors from another copy of core by their Symbol.for brand', () => {
    // What a second copy of @tasklens/core would construct: same global symbols, different class.
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('tasklens.error')]: true,
      [Symbol.for('tasklens.error.TasklensInvalidOptionError')]: true,
    });
    expect(TasklensError.isInstance(foreign)).toBe(true);
    expect(InvalidOptionError.isInstance(foreign)).toBe(true);
    expect(MissingSecretError.isInstance(foreign)).toBe(false);
    expect(TasklensError.isInstance(new Error('plain'))).toBe(false);
    expect(TasklensError.isInstance(null)).toBe(false);
  });

  it('brand every subclass as a TasklensError too', () => {
    const error = new InvalidOptionError({ option: 'wandbInit.project', message: 'project must be set' });
    expect(TasklensError.isInstance(error)).toBe(true);
    expect(error.name).toBe('TasklensInvalidOptionError');
    expect(error.option).toBe('wandbInit.project');
  });

  it.each([
    [408, true],
    [409, true],
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [401, false],
    [404, false],
    [undefined, true],
  ])('derives isRetryable for status %s as %s', (statusCode, retryable) => {
    const error = new ApiCallError({ message: 'failed', url: 'http://127.0.0.1/x', statusCode });
    expect(error.isRetryable).toBe(retryable);
  });
});
