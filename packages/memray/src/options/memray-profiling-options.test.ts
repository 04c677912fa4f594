import { InvalidOptionError } from '@tasklens/core';
import { describe, expect, test } from 'vitest';
import { memrayProfiling } from '../memray-profiling';
import { resolveMemrayOptions } from './memray-profiling-options';
import { parseReporterArgs } from './reporter-settings';

const flamegraphMessage =
  'unrecognized arguments for flamegraph reporter. Please check https://bloomberg.github.io/memray/flamegraph.html';

function errorOf(run: () => unknown): InvalidOptionError {
  try {
    run();
  } catch (error) {
    expect(InvalidOptionError.isInstance(error)).toBe(true);
    return error as InvalidOptionError;
  }
  throw new Error('expected an InvalidOptionError');
}

describe('flytekit test_errors (spec §8.7)', () => {
  test('an unsupported reporter is rejected with flytekit message, naming the option', () => {
    const error = errorOf(() => memrayProfiling({ memrayHtmlReporter: 'summary' as never }));
    expect(error.message).toBe('summary is not a supported html reporter.');
    expect(error.option).toBe('memrayProfiling.memrayHtmlReporter');
  });

  test('an argument without -- is rejected with flytekit message', () => {
    const error = errorOf(() => memrayProfiling({ memrayReporterArgs: ['--leaks', 'trash'] }));
    expect(error.message).toBe(flamegraphMessage);
    expect(error.option).toBe('memrayProfiling.memrayReporterArgs');
  });

  test('non-string arguments are rejected with the same message', () => {
    expect(errorOf(() => memrayProfiling({ memrayReporterArgs: [0, 1, 2] as never })).message).toBe(
      flamegraphMessage,
    );
  });

  test('the reporter is checked before the arguments, as flytekit does', () => {
    const error = errorOf(() =>
      memrayProfiling({ memrayHtmlReporter: 'summary' as never, memrayReporterArgs: [1] as never }),
    );
    expect(error.message).toBe('summary is not a supported html reporter.');
  });

  test.each([[['--leaks']], [[]], [null], [undefined]])('accepts %j', (args) => {
    expect(() => memrayProfiling({ memrayReporterArgs: args as string[] | null | undefined })).not.toThrow();
  });

  test('table reporter messages name the table docs', () => {
    expect(
      errorOf(() => memrayProfiling({ memrayHtmlReporter: 'table', memrayReporterArgs: ['x'] })).message,
    ).toBe(
      'unrecognized arguments for table reporter. Please check https://bloomberg.github.io/memray/table.html',
    );
  });
});

describe('reporter flags we check up front (flytekit leaves them to memray)', () => {
  test('a--b, accepted by flytekit, is rejected here with the same message (documented divergence)', () => {
    expect(errorOf(() => memrayProfiling({ memrayReporterArgs: ['a--b'] })).message).toBe(flamegraphMessage);
  });

  test.each([['--no-such-flag'], ['--leaks=1'], ['--max-memory-records'], ['--max-memory-records=x']])(
    'rejects %s',
    (flag) => {
      expect(errorOf(() => memrayProfiling({ memrayReporterArgs: [flag] })).message).toBe(flamegraphMessage);
    },
  );

  test('flamegraph-only flags are rejected for the table, as memray table does', () => {
    for (const flag of ['--inverted', '--max-memory-records=5', '--confidential-files=none']) {
      expect(() =>
        memrayProfiling({ memrayHtmlReporter: 'flamegraph', memrayReporterArgs: [flag] }),
      ).not.toThrow();
      expect(
        errorOf(() => memrayProfiling({ memrayHtmlReporter: 'table', memrayReporterArgs: [flag] })).message,
      ).toMatch(/^unrecognized arguments for table reporter/);
    }
  });

  test('--leaks and --temporary-allocations are mutually exclusive', () => {
    const error = errorOf(() =>
      memrayProfiling({ memrayReporterArgs: ['--leaks', '--temporary-allocations'] }),
    );
    expect(error.message).toContain('--leaks cannot be combined');
  });

  test("--temporal: flamegraph only, with --leaks or alone; never with temporary allocations (memray's message)", () => {
    expect(parseReporterArgs('flamegraph', ['--temporal'], 'x')).toMatchObject({
      temporal: true,
      view: 'peak',
    });
    expect(parseReporterArgs('flamegraph', ['--temporal', '--leaks'], 'x')).toMatchObject({
      temporal: true,
      view: 'leaks',
    });
    expect(
      errorOf(() => memrayProfiling({ memrayReporterArgs: ['--temporal', '--temporary-allocations'] }))
        .message,
    ).toBe(
      "memrayProfiling.memrayReporterArgs: Can't create a temporal flame graph of temporary allocations",
    );
    expect(
      errorOf(() => memrayProfiling({ memrayHtmlReporter: 'table', memrayReporterArgs: ['--temporal'] }))
        .message,
    ).toBe(
      'unrecognized arguments for table reporter. Please check https://bloomberg.github.io/memray/table.html',
    );
  });

  test('flags map to report settings', () => {
    expect(parseReporterArgs('flamegraph', ['--leaks'], 'x').view).toBe('leaks');
    expect(parseReporterArgs('flamegraph', ['--temporary-allocations'], 'x').view).toBe('all');
    const threshold = parseReporterArgs(
      'table',
      ['--temporary-allocation-threshold=3', '--split-threads'],
      'x',
    );
    expect(threshold).toMatchObject({ view: 'all', temporaryThreshold: 3, splitThreads: true });
    expect(threshold.notes[0]).toContain('threshold');
    expect(
      parseReporterArgs('flamegraph', ['--inverted', '--max-memory-records=5', '--no-web', '--force'], 'x'),
    ).toMatchObject({ view: 'peak', inverted: true, maxMemoryRecords: 5, force: true });
    expect(
      parseReporterArgs('flamegraph', ['--max-memory-records', '7', '-o', 'out.html'], 'x', true),
    ).toMatchObject({
      maxMemoryRecords: 7,
      output: 'out.html',
    });
  });
});

describe('Node options', () => {
  test('defaults mirror flytekit', () => {
    expect(resolveMemrayOptions(undefined)).toMatchObject({
      nativeTraces: false,
      tracePythonAllocators: false,
      followFork: false,
      memoryIntervalMs: 10,
      reporter: 'flamegraph',
      reporterArgs: [],
      followWorkers: true,
      maxMemoryRecords: 10_000,
      peakGrowthFactor: 1.25,
    });
  });

  test.each([
    ['memoryIntervalMs', 0],
    ['memoryIntervalMs', 2.5],
    ['samplingIntervalBytes', -1],
    ['nativeTraces', 'yes'],
    ['followFork', 1],
    ['trackGarbageCollection', 'yes'],
    ['peakGrowthFactor', 0.5],
    ['captureDirectory', ''],
    ['maxMemoryRecords', 0],
    ['checkpointIntervalMs', -1],
    ['checkpointIntervalMs', 1.5],
    ['sampleRate', 3],
  ])('rejects %s = %j naming the option', (name, value) => {
    const error = errorOf(() => memrayProfiling({ [name]: value } as never));
    expect(error.option).toBe(`memrayProfiling.${name}`);
  });

  test('extraConfig() is {} (no console link), as flytekit get_extra_config', async () => {
    const { decoratorsOf } = await import('@tasklens/core/plugin');
    const decorated = memrayProfiling(async function heavy_compute() {});
    expect(decoratorsOf(decorated).map((decorator) => decorator.extraConfig())).toEqual([{}]);
  });
});
