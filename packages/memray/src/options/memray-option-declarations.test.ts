import { describe, expect, test } from 'vitest';
import { memrayOptionDeclarations, resolveMemrayOptions } from './memray-profiling-options';

describe('one declaration per option', () => {
  test('every declared option is accepted and defaults to its declared default', () => {
    const resolved = resolveMemrayOptions({}) as unknown as Record<string, unknown>;
    for (const [name, declaration] of Object.entries(memrayOptionDeclarations)) {
      if (name === 'memrayHtmlReporter') expect(resolved.reporter).toBe(declaration.defaultValue);
      else if (name === 'memrayReporterArgs') expect(resolved.reporterArgs).toEqual([]);
      else expect(resolved[name]).toBe(declaration.defaultValue);
    }
  });

  test('environment variables named in the option docs are the declared ones', () => {
    expect(memrayOptionDeclarations.samplingIntervalBytes.environmentVariable).toBe(
      'TASKLENS_MEMRAY_SAMPLING_INTERVAL',
    );
    expect(memrayOptionDeclarations.captureDirectory.environmentVariable).toBe('TASKLENS_MEMRAY_DIR');
    expect(memrayOptionDeclarations.trackGarbageCollection.environmentVariable).toBe(
      'TASKLENS_MEMRAY_TRACK_GC',
    );
    expect(memrayOptionDeclarations.checkpointIntervalMs.environmentVariable).toBe(
      'TASKLENS_MEMRAY_CHECKPOINT_INTERVAL',
    );
  });
});
