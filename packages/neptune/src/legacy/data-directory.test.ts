import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initRun } from './init-run';
import { listOfflineRuns } from './read-offline-run';

/** Where an offline run of `initRun(given)` was written (`<data directory>/.neptune/offline/run__…`). */
async function offlineRunDirectory(given: Parameters<typeof initRun>[0]): Promise<string | undefined> {
  const run = await initRun({ mode: 'offline', project: 'ws/proj', ...given });
  run.assign('params/lr', 0.1);
  const { directory } = await run.stop();
  expect(directory).toMatch(/\/offline\/run__/);
  return directory;
}

describe('the data directory comes from the declared dataDirectory option alone', () => {
  it('NEPTUNE_DATA_DIRECTORY places the run when code does not say', async () => {
    const fromEnvironment = mkdtempSync(join(tmpdir(), 'neptune-data-env-'));
    const directory = await offlineRunDirectory({ environment: { NEPTUNE_DATA_DIRECTORY: fromEnvironment } });
    expect(directory).toBe(listOfflineRuns(join(fromEnvironment, '.neptune'), 'offline')[0]);
  });

  it('dataDirectory given in code wins over NEPTUNE_DATA_DIRECTORY', async () => {
    const fromEnvironment = mkdtempSync(join(tmpdir(), 'neptune-data-env-'));
    const fromCode = mkdtempSync(join(tmpdir(), 'neptune-data-code-'));
    const directory = await offlineRunDirectory({
      dataDirectory: fromCode,
      environment: { NEPTUNE_DATA_DIRECTORY: fromEnvironment },
    });
    expect(directory).toBe(listOfflineRuns(join(fromCode, '.neptune'), 'offline')[0]);
    expect(listOfflineRuns(join(fromEnvironment, '.neptune'), 'offline')).toEqual([]);
  });
});
