import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidOptionError, task, types } from '@tasklens/core';
import { createLocalContext, decoratorsOf } from '@tasklens/core/plugin';
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { oraclePython } from '../../../test-support/oracle-python';
import { memrayProfiling } from '../src/memray-profiling';
import type { MemrayProfilingOptions } from '../src/options/memray-profiling-options';

const script = fileURLToPath(new URL('./python/test_memray_parity.py', import.meta.url));

interface PythonParity {
  errors: Record<string, string | null>;
  extra_config: Record<string, string>;
  decks_profiled: string[];
  decks_table: string[];
  decks_plain: string[];
  decks_disabled_profiled: string[];
}

let oracle: PythonParity;
let pythonFiles: string[];
const ourDirectory = mkdtempSync(join(tmpdir(), 'memray-parity-ts-'));

beforeAll(() => {
  const python = oraclePython();
  const directory = mkdtempSync(join(tmpdir(), 'memray-parity-py-'));
  const output = execFileSync(python, [script], {
    cwd: directory,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = output.split('\n').find((entry) => entry.startsWith('PARITY'));
  if (line === undefined) throw new Error(`flytekit parity script printed no result:\n${output}`);
  oracle = JSON.parse(line.slice('PARITY'.length)) as PythonParity;
  pythonFiles = readdirSync(join(directory, 'memray_bin'));
  // Importing flytekit and running its memray plugin took over 120 s at load ~22 with two CPU
  // burners beside the suite: a bound, not an expectation (the interop config's hookTimeout).
}, 600_000);

const cases: Record<string, MemrayProfilingOptions> = {
  summary: { memrayHtmlReporter: 'summary' as never },
  trash: { memrayReporterArgs: ['--leaks', 'trash'] },
  ints: { memrayReporterArgs: [0, 1, 2] as never },
  leaks: { memrayReporterArgs: ['--leaks'] },
  empty: { memrayReporterArgs: [] },
  none: { memrayReporterArgs: null },
  'a--b': { memrayReporterArgs: ['a--b'] },
  'table-x': { memrayHtmlReporter: 'table', memrayReporterArgs: ['x'] },
};

function ourError(options: MemrayProfilingOptions): string | null {
  try {
    memrayProfiling(options);
    return null;
  } catch (error) {
    expect(InvalidOptionError.isInstance(error)).toBe(true);
    return (error as Error).message;
  }
}

async function ourDecks(enableDeck: boolean, options?: MemrayProfilingOptions): Promise<string[]> {
  async function heavy_compute({ i }: { i: number }) {
    return i + 1;
  }
  const body = options === undefined ? heavy_compute : memrayProfiling(options)(heavy_compute);
  const heavy = task(
    { name: 'parity.heavy_compute', inputs: { i: types.integer() }, outputs: types.integer(), enableDeck },
    body,
  );
  const context = createLocalContext({ taskName: 'parity.heavy_compute', enableDeck });
  await heavy.execute(context, { i: 7 });
  return context.decks.map((deck) => deck.name);
}

describe('parity with flytekitplugins-memray 1.16.31 (run in the oracle virtualenv)', () => {
  test('validation messages match flytekit for every vector; a--b is our one stricter case', () => {
    for (const [name, options] of Object.entries(cases)) {
      if (name === 'a--b') {
        expect(oracle.errors[name]).toBeNull();
        expect(ourError(options)).toBe(
          'unrecognized arguments for flamegraph reporter. Please check https://bloomberg.github.io/memray/flamegraph.html',
        );
        continue;
      }
      expect(ourError(options), name).toBe(oracle.errors[name]);
    }
  });

  test('extra config is {} in both', () => {
    const decorated = memrayProfiling(async function heavy_compute() {});
    expect(decoratorsOf(decorated)[0]!.extraConfig()).toEqual(oracle.extra_config);
  });

  test('deck names and order match for profiled, table, plain and decks-off tasks', async () => {
    vi.stubEnv('TASKLENS_MEMRAY_DIR', ourDirectory);
    expect(await ourDecks(true, {})).toEqual(oracle.decks_profiled);
    expect(await ourDecks(true, { memrayHtmlReporter: 'table' })).toEqual(oracle.decks_table);
    expect(await ourDecks(true)).toEqual(oracle.decks_plain);
    expect(await ourDecks(false, {})).toEqual(oracle.decks_disabled_profiled);
    expect(oracle.decks_profiled).toHaveLength(6);
  });

  test('report file names follow the same pattern as flytekit', () => {
    const ours = readdirSync(ourDirectory).filter((name) => name.endsWith('.html'));
    const theirs = pythonFiles.filter((name) => name.endsWith('.html'));
    const pattern = /^(flamegraph|table)\.heavy_compute\.\d{14}(-\d+)?\.html$/;
    expect(theirs.length).toBeGreaterThan(0);
    expect(ours.length).toBeGreaterThan(0); // written by the deck test above
    for (const name of [...ours, ...theirs]) expect(name).toMatch(pattern);
    expect(pythonFiles.some((name) => /^heavy_compute\.\d{14}\.bin$/.test(name))).toBe(true);
    expect(
      readdirSync(ourDirectory).some((name) => /^heavy_compute\.\d{14}(-\d+)?\.heapprofile$/.test(name)),
    ).toBe(true);
  });
});
