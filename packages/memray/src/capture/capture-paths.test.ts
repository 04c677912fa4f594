import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { capturePathsFor, formatTimestamp, reserveCapturePaths, safeFunctionName } from './capture-paths';

const localTime = new Date(2024, 0, 2, 3, 4, 5);

describe('capture paths (spec §8.7)', () => {
  test('timestamps are local YYYYmmddHHMMSS', () => {
    expect(formatTimestamp(localTime)).toBe('20240102030405');
  });

  test('flytekit names for heavy_compute at 2024-01-02 03:04:05', () => {
    const base = mkdtempSync(join(tmpdir(), 'memray-paths-'));
    const flamegraph = reserveCapturePaths(base, 'memray_bin', 'heavy_compute', localTime, 'flamegraph');
    const names = Object.fromEntries(
      Object.entries(flamegraph).map(([key, value]) => [key, key === 'stem' ? value : relative(base, value)]),
    );
    expect(names).toEqual({
      directory: 'memray_bin',
      stem: 'heavy_compute.20240102030405',
      capture: 'memray_bin/heavy_compute.20240102030405.memray.json',
      heapProfile: 'memray_bin/heavy_compute.20240102030405.heapprofile',
      report: 'memray_bin/flamegraph.heavy_compute.20240102030405.html',
    });
    expect(existsSync(flamegraph.capture)).toBe(true);
    expect(relative(base, capturePathsFor(flamegraph.directory, flamegraph.stem, 'table').report)).toBe(
      'memray_bin/table.heavy_compute.20240102030405.html',
    );
  });

  test('a second run in the same second gets a distinct name instead of failing', () => {
    const base = mkdtempSync(join(tmpdir(), 'memray-paths-'));
    const first = reserveCapturePaths(base, 'memray_bin', 'heavy_compute', localTime, 'flamegraph');
    const second = reserveCapturePaths(base, 'memray_bin', 'heavy_compute', localTime, 'flamegraph');
    const third = reserveCapturePaths(base, 'memray_bin', 'heavy_compute', localTime, 'flamegraph');
    expect([first.stem, second.stem, third.stem]).toEqual([
      'heavy_compute.20240102030405',
      'heavy_compute.20240102030405-2',
      'heavy_compute.20240102030405-3',
    ]);
  });

  test('function names that are substrings of memray_bin are not mangled (flytekit quirk not copied)', () => {
    const base = mkdtempSync(join(tmpdir(), 'memray-paths-'));
    for (const name of ['bin', 'm']) {
      const paths = reserveCapturePaths(base, 'memray_bin', name, localTime, 'flamegraph');
      expect(relative(base, paths.report)).toBe(`memray_bin/flamegraph.${name}.20240102030405.html`);
    }
  });

  test('unsafe function names become safe file names', () => {
    expect(safeFunctionName('')).toBe('anonymous');
    expect(safeFunctionName('a/b c')).toBe('a_b_c');
    expect(safeFunctionName('..x')).toBe('_x');
    expect(safeFunctionName('[Symbol.iterator]')).toBe('_Symbol.iterator_');
  });
});
