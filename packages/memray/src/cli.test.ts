import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { syntheticCapture } from './__fixtures__/synthetic-capture';
import { main } from './cli';
import { VERSION } from './version';

function setup() {
  const directory = mkdtempSync(join(tmpdir(), 'memray-cli-'));
  const capture = join(directory, 'heavy_compute.20240102030405.memray.json');
  writeFileSync(capture, JSON.stringify(syntheticCapture()));
  const output: string[] = [];
  const printed: string[] = [];
  return {
    directory,
    capture,
    output,
    printed,
    write: (text: string) => output.push(text),
    print: (text: string) => printed.push(text),
  };
}

describe('tasklens-memray CLI', () => {
  test('flamegraph writes memray-flamegraph-<stem>.html next to the capture, and refuses to overwrite without -f', async () => {
    const { directory, capture, write } = setup();
    expect(await main(['flamegraph', capture], write)).toBe(0);
    const report = join(directory, 'memray-flamegraph-heavy_compute.20240102030405.html');
    const html = readFileSync(report, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('data-reporter="flamegraph"');
    expect(await main(['flamegraph', capture], write)).toBe(1);
    expect(await main(['flamegraph', '-f', capture], write)).toBe(0);
  });

  test('table with -o, --leaks and a separate flag value', async () => {
    const { directory, capture, write } = setup();
    const output = join(directory, 'out.html');
    expect(await main(['table', '-o', output, '--leaks', '--split-threads', capture], write)).toBe(0);
    expect(readFileSync(output, 'utf8')).toContain('data-reporter="table"');
    expect(
      await main(
        ['flamegraph', '--max-memory-records', '5', '-o', join(directory, 'x.html'), capture],
        write,
      ),
    ).toBe(0);
  });

  test('bad reporters and flags exit 2 with the memray message', async () => {
    const { capture, output, write } = setup();
    expect(await main(['summary', capture], write)).toBe(2);
    expect(output.join('')).toContain('summary is not a supported html reporter.');
    // A value that makes no sense keeps flytekit's message (the flag itself is known).
    expect(await main(['flamegraph', '--max-memory-records', 'x', capture], write)).toBe(2);
    expect(output.join('')).toContain('unrecognized arguments for flamegraph reporter');
    expect(await main([], write)).toBe(2);
  });

  test('a bare .heapprofile (from node --heap-prof or DevTools) renders too', async () => {
    const { directory, write } = setup();
    const heapProfile = join(directory, 'Heap.20240102.030405.1.0.001.heapprofile');
    writeFileSync(heapProfile, JSON.stringify(syntheticCapture().final));
    expect(await main(['flamegraph', heapProfile], write)).toBe(0);
    const report = join(directory, 'memray-flamegraph-Heap.20240102.030405.1.0.001.html');
    expect(existsSync(report)).toBe(true);
    // Only what the file holds: no epoch-zero start, no "unknown" versions, no 0-byte interval.
    const html = readFileSync(report, 'utf8');
    expect(html).not.toContain('1970-01-01');
    expect(html).not.toContain('unknown / unknown');
    expect(html).not.toMatch(/0 bytes \(mode/);
    expect(html).toContain('a bare .heapprofile');
  });

  test('an unreadable capture exits 1', async () => {
    const { directory, output, write } = setup();
    writeFileSync(join(directory, 'junk.json'), '{nope');
    expect(await main(['flamegraph', join(directory, 'junk.json')], write)).toBe(1);
    expect(output.join('')).toContain('cannot read capture');
  });

  test('--version / -V print the package version on stdout, as `memray --version` does', async () => {
    const { output, printed, write, print } = setup();
    expect(await main(['--version'], write, print)).toBe(0);
    expect(await main(['-V'], write, print)).toBe(0);
    expect(printed).toEqual([`${VERSION}\n`, `${VERSION}\n`]);
    expect(output).toEqual([]);
  });

  test('--help lists the reporters and the options; each reporter lists its own flags', async () => {
    const { printed, write, print } = setup();
    expect(await main(['--help'], write, print)).toBe(0);
    const top = printed.join('');
    for (const text of ['flamegraph', 'table', '-V, --version', '-h, --help']) expect(top).toContain(text);
    printed.length = 0;
    expect(await main(['flamegraph', '--help'], write, print)).toBe(0);
    const flamegraph = printed.join('');
    for (const flag of [
      '-o, --output OUTPUT',
      '-f, --force',
      '--leaks',
      '--temporary-allocations',
      '--temporary-allocation-threshold N',
      '--split-threads',
      '--inverted',
      '--temporal',
      '--max-memory-records N',
      '--confidential-files {all,none,default}',
      '--no-web',
    ])
      expect(flamegraph).toContain(flag);
    printed.length = 0;
    expect(await main(['table', '-h'], write, print)).toBe(0);
    const table = printed.join('');
    expect(table).toContain('usage: tasklens-memray table');
    expect(table).toContain('--leaks');
    // Flamegraph-only flags are not offered for the table, as in memray.
    expect(table).not.toContain('--inverted');
    expect(table).not.toContain('--temporal');
  });

  test('a mistyped flag is a usage error (exit 2) naming it and suggesting the nearest flag', async () => {
    const { capture, output, write } = setup();
    expect(await main(['flamegraph', '--leak', capture], write)).toBe(2);
    expect(output.join('')).toContain('unrecognized arguments: --leak (did you mean --leaks?)');
    output.length = 0;
    expect(await main(['flamegraph', '--max-memory-record=5', capture], write)).toBe(2);
    expect(output.join('')).toContain(
      'unrecognized arguments: --max-memory-record (did you mean --max-memory-records?)',
    );
    output.length = 0;
    expect(await main(['table', '--inverted', capture], write)).toBe(2);
    expect(output.join('')).toContain('unrecognized arguments: --inverted (a flamegraph option)');
    output.length = 0;
    expect(await main(['--verison'], write)).toBe(2);
    expect(output.join('')).toContain('unrecognized arguments: --verison (did you mean --version?)');
  });

  test('an unknown reporter is a usage error suggesting the nearest reporter', async () => {
    const { capture, output, write } = setup();
    expect(await main(['flamegrap', capture], write)).toBe(2);
    expect(output.join('')).toContain("invalid choice: 'flamegrap' (did you mean flamegraph?)");
    output.length = 0;
    // memray's other reporters keep flytekit's message: they exist, we just do not render them.
    expect(await main(['stats', capture], write)).toBe(2);
    expect(output.join('')).toContain('stats is not a supported html reporter.');
  });
});
