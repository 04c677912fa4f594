import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { create } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import { bundleForChild } from '../../../../../test-support/bundle-for-child';
import { decodeErrorDocument, encodeLiteralMap } from '../../protobuf/codec';
import { LiteralMapSchema } from '../../protobuf/flyteidl';
import { startConformanceChild } from '../conformance-child';
import type { ConformanceRunOptions } from '../tracker-conformance-adapter';
import {
  conformanceChildCommand,
  conformanceChildScript,
  executeArgumentsFor,
} from './conformance-child-script';

const run: ConformanceRunOptions = {
  runId: 'child-script',
  mode: 'offline',
  directory: tmpdir(),
  apiKey: 'key',
  flushIntervalMs: 5,
  retry: { initialDelayMs: 1, maxDelayMs: 2 },
  offlineDeadlineMs: 100,
  durableFlushMs: 50,
};

/** A stand-in provider whose "run" prints each row, so the program's behaviour shows on stdout. */
const printingProvider = {
  imports: "import { basename } from 'node:path';",
  options: { prefix: 'row', file: '/x/y/run.log' },
  startRun: 'Promise.resolve({ log: (step) => console.log(options.prefix, step, basename(options.file)) })',
  decorator:
    "(options) => (body) => async () => { console.log('decorated', options.prefix); return body(); }",
  currentRun: "({ log: (step) => console.log(options.prefix, step, 'in task') })",
  logRow: 'run.log(step)',
};

function stdoutLines(output: string): string[] {
  return output.split('\n').filter((line) => line !== '' && !line.startsWith('['));
}

// Generous: child processes start slowly on a loaded machine; nothing here measures time.
describe('the conformance child program built from a provider snippet', { timeout: 300_000 }, () => {
  it('executeArgumentsFor gives tasklens execute the scenario paths as pyflyte-execute takes them', () => {
    const scenario = {
      kind: 'execute-task' as const,
      run,
      steps: 1,
      inputsPath: '/in/inputs.pb',
      outputPrefix: '/out',
      rawOutputPrefix: '/raw',
    };
    expect(executeArgumentsFor(scenario, { module: '/task.mjs', name: 'train' })).toEqual([
      '--inputs',
      '/in/inputs.pb',
      '--output-prefix',
      '/out',
      '--raw-output-data-prefix',
      '/raw',
      '--task-module',
      '/task.mjs',
      '--task-name',
      'train',
    ]);
  });

  it('log-then-idle: starts the run from the options, logs every row in order, prints ready and stays alive', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'conformance-child-script-'));
    const file = join(scratch, 'child.mjs');
    writeFileSync(file, conformanceChildScript({ kind: 'log-then-idle', run, steps: 3 }, printingProvider));
    const child = startConformanceChild(conformanceChildCommand(file, scratch));
    try {
      await child.waitForLine('ready', 60_000);
      expect(child.process.exitCode).toBeNull();
      expect(stdoutLines(child.output())).toEqual([
        'row 0 run.log',
        'row 1 run.log',
        'row 2 run.log',
        'ready',
      ]);
    } finally {
      child.process.kill('SIGKILL');
      await child.waitForExit(30_000);
    }
  });

  it('execute-task: runs tasklens execute on its own decorated task, which logs and waits; SIGTERM leaves error.pb and exit 0', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'conformance-child-script-'));
    const inputsPath = join(scratch, 'inputs.pb');
    writeFileSync(inputsPath, encodeLiteralMap(create(LiteralMapSchema, { literals: {} })));
    const outputPrefix = join(scratch, 'outputs');
    const script = conformanceChildScript(
      {
        kind: 'execute-task',
        run,
        steps: 2,
        inputsPath,
        outputPrefix,
        rawOutputPrefix: join(scratch, 'raw'),
      },
      printingProvider,
    );
    const bundle = bundleForChild({
      directory: scratch,
      packageName: '@tasklens/core',
      packageEntry: fileURLToPath(new URL('../../index.ts', import.meta.url)),
      script,
    });
    const child = startConformanceChild(conformanceChildCommand(bundle, scratch, { EXTRA_VARIABLE: 'set' }));
    try {
      await child.waitForLine('ready', 60_000);
      expect(stdoutLines(child.output())).toEqual([
        'decorated row',
        'row 0 in task',
        'row 1 in task',
        'ready',
      ]);
      child.process.kill('SIGTERM');
      expect(await child.waitForExit(60_000)).toEqual({ code: 0, signal: null });
    } finally {
      child.process.kill('SIGKILL');
    }
    expect(existsSync(join(outputPrefix, 'error.pb')), child.output()).toBe(true);
    expect(decodeErrorDocument(readFileSync(join(outputPrefix, 'error.pb'))).error?.message).toContain(
      'SIGTERM',
    );
    expect(existsSync(join(scratch, 'sandbox')), 'the command points the Flyte sandbox into scratch').toBe(
      true,
    );
  });

  it('the command starts the bundle with this Node, marks it as the suite child and adds the given variables', () => {
    expect(conformanceChildCommand('/b/child.mjs', '/scratch', { HOME: '/scratch' })).toEqual({
      command: process.execPath,
      args: ['/b/child.mjs'],
      env: {
        TASKLENS_CONFORMANCE_CHILD: 'main',
        FLYTE_SDK_LOCAL_SANDBOX: '/scratch/sandbox',
        HOME: '/scratch',
      },
    });
  });
});
