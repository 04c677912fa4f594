import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

describe('demo cross-validate task', () => {
  it('cross-validates and keeps an offline Neptune Scale run for sync', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'demo-neptune-'));
    vi.stubEnv('NEPTUNE_LOG_DIRECTORY', directory);
    const { crossValidate } = await import('./cross-validate-task');
    const { meanRmse } = await crossValidate({ rows: 1_000, folds: 4, seed: 3 });
    expect(meanRmse).toBeGreaterThan(5_000);
    expect(meanRmse).toBeLessThan(7_000);
    const [runDirectory] = readdirSync(directory);
    expect(runDirectory).toMatch(/^tasklens_demo_/);
    expect(existsSync(join(directory, runDirectory!, 'run_operations.sqlite3'))).toBe(true);
  });
});
