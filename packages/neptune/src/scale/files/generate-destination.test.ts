import { describe, expect, it } from 'vitest';
import pythonNames from '../../__fixtures__/python-neptune-scale/file-names.json';
import { generateDestination } from './generate-destination';

describe('generateDestination', () => {
  it("names files as neptune-scale 0.30's generate_destination does (recorded)", () => {
    for (const [[runId, attribute, fileName, step], expected] of pythonNames.destinations as [
      [string, string, string, number | null],
      string,
    ][]) {
      expect(generateDestination(runId, attribute, fileName, step ?? undefined)).toBe(expected);
    }
  });

  it('always appends digests to the run and attribute, and keeps the extension', () => {
    expect(generateDestination('run', 'files/config', 'config.yaml', undefined)).toMatch(
      /^run-[0-9a-f]{16}\/files_config-[0-9a-f]{16}\/none\/config\.yaml$/,
    );
  });
});
