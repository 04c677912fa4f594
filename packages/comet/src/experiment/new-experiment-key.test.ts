import { describe, expect, it } from 'vitest';
import { isValidExperimentKey } from '../login/check-experiment-key';
import { newExperimentKey } from './new-experiment-key';

describe('a new experiment key', () => {
  it('is 32 lowercase hex characters Comet accepts', () => {
    const key = newExperimentKey();
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(isValidExperimentKey(key)).toBe(true);
  });

  it('starts with the start time and differs between starts in the same ms', () => {
    const before = Date.now();
    const keys = Array.from({ length: 10_000 }, () => newExperimentKey());
    const after = Date.now();
    const time = Number.parseInt(keys[0]!.slice(0, 12), 16);
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(after);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
