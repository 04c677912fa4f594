import { describe, expect, it } from 'vitest';
import { train } from './train-task';

describe('demo train task', () => {
  it('recovers the coefficients the data was generated with', async () => {
    const { rmse, weights } = await train({ rows: 3_000, seed: 11 });
    const [intercept, area, rooms, age] = weights;
    expect(area).toBeCloseTo(2_000, -2);
    expect(rooms).toBeCloseTo(10_000, -3);
    expect(age).toBeCloseTo(-800, -2);
    expect(intercept).toBeGreaterThan(40_000);
    // Uniform noise of ±10,000 has a standard deviation of about 5,774.
    expect(rmse).toBeGreaterThan(5_000);
    expect(rmse).toBeLessThan(6_500);
  });
});
