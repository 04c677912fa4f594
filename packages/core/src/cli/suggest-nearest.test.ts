import { describe, expect, it } from 'vitest';
import { InvalidOptionError } from '../errors/invalid-option-error';
import { suggestNearest, unknownFlagError } from './suggest-nearest';

describe('suggestNearest', () => {
  it('suggests the flag a typo or a prefix most likely meant', () => {
    expect(suggestNearest('--leak', ['--leaks', '--temporal', '--output'])).toBe('--leaks');
    expect(suggestNearest('--ouptut-prefix', ['--inputs', '--output-prefix'])).toBe('--output-prefix');
    expect(suggestNearest('--input', ['--inputs', '--output-prefix'])).toBe('--inputs');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(suggestNearest('--verbose', ['--inputs', '--output-prefix'])).toBeUndefined();
  });
});

describe('unknownFlagError', () => {
  it('names the flag and the suggestion in an InvalidOptionError', () => {
    const error = unknownFlagError('tasklens execute', '--ouput-prefix', ['--inputs', '--output-prefix']);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe('--ouput-prefix');
    expect(error.message).toContain('unknown option --ouput-prefix (did you mean --output-prefix?)');
  });

  it('lists the known flags when none is close', () => {
    expect(unknownFlagError('tasklens run', '--zzz', ['--help']).message).toContain('known options: --help');
  });
});
