import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { syntheticCapture } from './__fixtures__/synthetic-capture';
import { main } from './cli';

function setup() {
  const directory = mkdtempSync(join(tmpdir(), 'memray-cli-'));
  const capture = join(directory, 'heavy_compute.20240102030405.memray.json');
  writeFileSync(capture, JSON.stringify(syntheticCapture()));
  const output: string[] = [];
  return { directory, capture, output, write: (text: string) => output.push(text) };
}

describe('tasklens-memray CLI', () => {
  test('flamegraph writes memray-flamegraph-<stem>.html next to the capture, and refuses to overwrite without -f', () => {
    const { directory, capture, write } = setup();
    expect(main(['flamegraph', capture], write)).toBe(0);
    const report = join(directory, 'memray-flamegraph-heavy_compute.20240102030405.html');
    const html = readFileSync(report, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('data-reporter="flamegraph"');
    expect(main(['flamegraph', capture], write)).toBe(1);
    expect(main(['flamegraph', '-f', capture], write)).toBe(0);
  });

  test('table with -o, --leaks and a separate flag value', () => {
    const { directory, capture, write } = setup();
    const output = join(directory, 'out.html');
    expect(main(['table', '-o', output, '--leaks', '--split-threads', capture], write)).toBe(0);
    expect(readFileSync(output, 'utf8')).toContain('data-reporter="table"');
    expect(
      main(['flamegraph', '--max-memory-records', '5', '-o', join(directory, 'x.html'), capture], write),
    ).toBe(0);
  });

  test('bad reporters and flags exit 2 with the memray message', () => {
    const { capture, output, write } = setup();
    expect(main(['summary', capture], write)).toBe(2);
    expect(output.join('')).toContain('summary is not a supported html reporter.');
    expect(main(['table', '--inverted', capture], write)).toBe(2);
    expect(output.join('')).toContain('unrecognized arguments for table reporter');
    expect(main([], write)).toBe(2);
  });

  test('a bare .heapprofile (from node --heap-prof or DevTools) renders too', () => {
    const { directory, write } = setup();
    const heapProfile = join(directory, 'Heap.20240102.030405.1.0.001.heapprofile');
    writeFileSync(heapProfile, JSON.stringify(syntheticCapture().final));
    expect(main(['flamegraph', heapProfile], write)).toBe(0);
    const report = join(directory, 'memray-flamegraph-Heap.20240102.030405.1.0.001.html');
    expect(existsSync(report)).toBe(true);
    // Only what the file holds: no epoch-zero start, no "unknown" versions, no 0-byte interval.
    const html = readFileSync(report, 'utf8');
    expect(html).not.toContain('1970-01-01');
    expect(html).not.toContain('unknown / unknown');
    expect(html).not.toMatch(/0 bytes \(mode/);
    expect(html).toContain('a bare .heapprofile');
  });

  test('an unreadable capture exits 1', () => {
    const { directory, output, write } = setup();
    writeFileSync(join(directory, 'junk.json'), '{nope');
    expect(main(['flamegraph', join(directory, 'junk.json')], write)).toBe(1);
    expect(output.join('')).toContain('cannot read capture');
  });
});
