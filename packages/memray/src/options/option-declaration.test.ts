import { InvalidOptionError } from '@tasklens/core';
import { describe, expect, test } from 'vitest';
import { memrayOptionDeclarations, resolveMemrayOptions } from './memray-profiling-options';
import {
  booleanOption,
  integerOption,
  resolveAtExecution,
  resolveDeclaredOptions,
} from './option-declaration';

describe('one declaration per option', () => {
  test('every declared option is accepted and defaults to its declared default', () => {
    const resolved = resolveMemrayOptions({}) as unknown as Record<string, unknown>;
    for (const [name, declaration] of Object.entries(memrayOptionDeclarations)) {
      if (name === 'memrayHtmlReporter') expect(resolved.reporter).toBe(declaration.defaultValue);
      else if (name === 'memrayReporterArgs') expect(resolved.reporterArgs).toEqual([]);
      else expect(resolved[name]).toBe(declaration.defaultValue);
    }
  });

  test('an undeclared option is rejected, listing the declared ones', () => {
    const declarations = { size: integerOption({ minimum: 1, defaultValue: 3 }) };
    expect(() => resolveDeclaredOptions(declarations, { colour: 'red' }, 'thing')).toThrow(
      /thing has no option colour; known options: size/,
    );
  });

  test('a declared validator names the option and what it expects', () => {
    const declarations = { enabled: booleanOption(false) };
    try {
      resolveDeclaredOptions(declarations, { enabled: 'yes' }, 'thing');
      expect.unreachable();
    } catch (error) {
      expect(InvalidOptionError.isInstance(error)).toBe(true);
      expect((error as InvalidOptionError).option).toBe('thing.enabled');
      expect((error as Error).message).toBe('thing.enabled must be a boolean, got string');
    }
  });

  test('at execution: code wins, then the declared environment variable, then the fallback', () => {
    const declaration = integerOption({ minimum: 0, defaultValue: undefined, environmentVariable: 'EVERY' });
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    expect(resolveAtExecution(declaration, 7, { EVERY: '9' }, 5, warn)).toBe(7);
    expect(resolveAtExecution(declaration, undefined, { EVERY: '0' }, 5, warn)).toBe(0);
    expect(resolveAtExecution(declaration, undefined, {}, 5, warn)).toBe(5);
    expect(warnings).toEqual([]);
    expect(resolveAtExecution(declaration, undefined, { EVERY: '-2' }, 5, warn)).toBe(5);
    expect(warnings).toEqual(['EVERY="-2" is not an integer >= 0; using the default']);
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
