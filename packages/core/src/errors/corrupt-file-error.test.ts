import { describe, expect, it } from 'vitest';
import { CorruptFileError } from './corrupt-file-error';
import { InvalidStateError } from './invalid-state-error';
import { TasklensError } from './tasklens-error';

describe('CorruptFileError and InvalidStateError', () => {
  it('are TasklensErrors recognised by isInstance, with the file part or subject they name', () => {
    const corrupt = new CorruptFileError({ path: '/tmp/a.zip', field: 'messages.json', message: 'missing' });
    expect(CorruptFileError.isInstance(corrupt)).toBe(true);
    expect(TasklensError.isInstance(corrupt)).toBe(true);
    expect(InvalidStateError.isInstance(corrupt)).toBe(false);
    expect(corrupt).toMatchObject({
      name: 'TasklensCorruptFileError',
      path: '/tmp/a.zip',
      field: 'messages.json',
    });

    const state = new InvalidStateError({ subject: 'offlineRun', message: 'closed' });
    expect(InvalidStateError.isInstance(state)).toBe(true);
    expect(TasklensError.isInstance(state)).toBe(true);
    expect(CorruptFileError.isInstance(state)).toBe(false);
    expect(state).toMatchObject({ name: 'TasklensInvalidStateError', subject: 'offlineRun' });
  });

  it('isInstance holds across copies of core (brand, not instanceof)', () => {
    const foreign = Object.assign(new Error('x'), {
      [Symbol.for('tasklens.error.TasklensCorruptFileError')]: true,
    });
    expect(CorruptFileError.isInstance(foreign)).toBe(true);
  });
});
