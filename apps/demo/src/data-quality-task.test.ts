import { describe, expect, it } from 'vitest';
import { checkDataQuality, profileTrainingData } from './data-quality-task';

describe('demo data-quality task', () => {
  it('flags the shifted columns as drifted and fails the area range constraint', async () => {
    const reference = await profileTrainingData({ rows: 2_000, seed: 7 });
    expect(reference.toSummary().rooms?.['counts/n']).toBe(2_000);
    const quality = await checkDataQuality({ reference, rows: 2_000, seed: 8 });
    // generateHouses(…, drift 1) shifts area by +30 and drops one neighbourhood; age and rooms stay put.
    expect(quality.driftedColumns).toContain('area');
    expect(quality.driftedColumns).toContain('neighbourhood');
    expect(quality.driftedColumns).not.toContain('age');
    expect(quality.driftedColumns).not.toContain('rooms');
    expect(quality.passed).toBe(false);
  });
});
