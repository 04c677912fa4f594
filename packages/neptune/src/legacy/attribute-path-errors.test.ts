import { InvalidOptionError } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { parseAttributePath } from './legacy-operation';

describe('attribute paths', () => {
  it('an empty segment throws InvalidOptionError naming the path', () => {
    for (const path of ['', 'a//b', '/a', 'a/']) {
      let thrown: unknown;
      try {
        parseAttributePath(path);
      } catch (error) {
        thrown = error;
      }
      expect(InvalidOptionError.isInstance(thrown), path).toBe(true);
      expect((thrown as InvalidOptionError).option).toBe(path);
      expect((thrown as Error).message).toBe(`invalid attribute path "${path}": segments must be non-empty`);
    }
  });

  it('a valid path splits into its segments', () => {
    expect(parseAttributePath('train/loss')).toEqual(['train', 'loss']);
  });
});
