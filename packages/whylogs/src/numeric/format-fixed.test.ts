import { describe, expect, it } from 'vitest';
import { formatFixed6 } from './format-fixed';

describe('formatFixed6', () => {
  it('matches std::to_string(double) for the spec §3.3 examples', () => {
    expect(formatFixed6(1.5)).toBe('1.500000');
    expect(formatFixed6(0.1)).toBe('0.100000');
    expect(formatFixed6(-2)).toBe('-2.000000');
    expect(formatFixed6(1e20)).toBe('100000000000000000000.000000');
    expect(formatFixed6(1e-7)).toBe('0.000000');
    expect(formatFixed6(Number.POSITIVE_INFINITY)).toBe('inf');
    expect(formatFixed6(Number.NEGATIVE_INFINITY)).toBe('-inf');
    expect(formatFixed6(Number.NaN)).toBe('nan');
  });

  it('rounds exact binary ties half to even like glibc printf, unlike toFixed', () => {
    expect((0.0078125).toFixed(6)).toBe('0.007813');
    expect(formatFixed6(0.0078125)).toBe('0.007812');
    expect(formatFixed6(0.0234375)).toBe('0.023438');
    expect(formatFixed6(-0.0078125)).toBe('-0.007812');
  });

  it('keeps the sign of negative zero and tiny negatives, and prints huge values without exponent', () => {
    expect(formatFixed6(-0)).toBe('-0.000000');
    expect(formatFixed6(-1e-9)).toBe('-0.000000');
    expect(formatFixed6(1e22)).toBe('10000000000000000000000.000000');
    expect(formatFixed6(-1.7976931348623157e308)).toMatch(/^-179769313486231570\d+\.000000$/);
  });
});
