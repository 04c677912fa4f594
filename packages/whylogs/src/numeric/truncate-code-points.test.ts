import { describe, expect, it } from 'vitest';
import { truncateCodePoints } from './truncate-code-points';

describe('truncateCodePoints', () => {
  it('cuts by code points as Python slicing does', () => {
    expect(truncateCodePoints('abc', 2)).toBe('ab');
    expect(truncateCodePoints('😀😀😀', 2)).toBe('😀😀');
    expect(truncateCodePoints('a😀b', 2)).toBe('a😀');
    expect(truncateCodePoints('x'.repeat(200), 128)).toHaveLength(128);
  });
});
