import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProcess } from '../../../../test-support/run-process';
import { bundleForChild } from '../__fixtures__/bundle-for-child';

// SQLite is the package's only WebAssembly: the child counts the instances created (node-sqlite3-wasm
// instantiates its module synchronously, with `new WebAssembly.Instance`) after the import, after
// an offline start (which opens its database on the next turn) and after that turn.
const script = `const created = { count: 0 };
const Instance = WebAssembly.Instance;
WebAssembly.Instance = function (...args) {
  created.count++;
  return new Instance(...args);
};
const { createScaleRun } = await import('@tasklens/neptune');
const afterImport = created.count;
const run = await createScaleRun({ mode: 'offline', project: 'ws/proj', runId: 'lazy-sqlite', logDirectory: process.argv[2], environment: {} });
const afterStart = created.count;
await new Promise((resolve) => setImmediate(resolve));
const afterOpen = created.count;
const result = await run.close();
console.log(JSON.stringify({ afterImport, afterStart, afterOpen, outcome: result.outcome, stored: result.storedOperations }));
`;

describe('SQLite (node-sqlite3-wasm) in a fresh process', () => {
  it('is loaded when the first run database opens, not when the package is imported', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'neptune-lazy-sqlite-'));
    const logDirectory = join(directory, 'runs');
    const result = await runProcess(process.execPath, [bundleForChild(directory, script), logDirectory], {
      cwd: directory,
      timeoutMs: 120_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toEqual({
      afterImport: 0,
      afterStart: 0,
      // The open on the turn after the start loads it (and the create operation is stored).
      afterOpen: 1,
      outcome: 'offline',
      stored: 1,
    });
  }, 120_000);
});
