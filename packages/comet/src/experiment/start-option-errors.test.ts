import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { describe, expect, it } from 'vitest';
import { getExperiment } from './current-experiment';
import { start } from './start-experiment';

// The options' type by inference: their declaration is moving to its own file.
async function optionOf(options: Parameters<typeof start>[0]): Promise<string> {
  try {
    await start(options);
  } catch (error) {
    return InvalidOptionError.isInstance(error) ? error.option : `not typed: ${String(error)}`;
  }
  return 'no error';
}

describe('start() still refuses a bad option at once, with a typed error naming it', () => {
  it('online without an API key, a key Comet would refuse, or a malformed server URL', async () => {
    const home = mkdtempSync(join(tmpdir(), 'comet-start-errors-'));
    const offlineDirectory = join(home, 'runs');
    const environment = { HOME: home };
    expect(await optionOf({ environment, offlineDirectory })).toBe('apiKey');
    expect(await optionOf({ offline: true, experimentKey: 'not-a-key', environment, offlineDirectory })).toBe(
      'experimentKey',
    );
    expect(await optionOf({ apiKey: 'k', urlOverride: 'not a url', environment, offlineDirectory })).toBe(
      'urlOverride',
    );
    // A refused start leaves nothing behind: no experiment, no archive.
    expect(getExperiment()).toBeUndefined();
    expect(existsSync(offlineDirectory)).toBe(false);
  });
});
