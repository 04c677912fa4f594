import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  baseEnvironment,
  corePackage,
  requireBuiltCli,
  runProcess,
  tasksModule,
} from './fixtures/execute-harness';

const tasklens = (args: string[], env: Record<string, string> = {}) => {
  requireBuiltCli();
  return runProcess(process.execPath, [join(corePackage, 'bin/tasklens.mjs'), ...args], {
    cwd: corePackage,
    env: baseEnvironment({ FLYTE_SDK_LOCAL_SANDBOX: mkdtempSync(join(tmpdir(), 'tasklens-cli-')), ...env }),
  });
};

describe('the tasklens bin', () => {
  it('run: parses inputs by declared type, prints outputs as JSON and the deck path', async () => {
    const sum = await tasklens(['run', tasksModule, 'add', '--a', '40', '--b=2']);
    expect(sum.code, sum.stderr).toBe(0);
    expect(JSON.parse(sum.stdout)).toEqual({ o0: 42 });

    const dataset = join(mkdtempSync(join(tmpdir(), 'tasklens-cli-')), 'd.csv');
    writeFileSync(dataset, 'a\nb\nc\n');
    const counted = await tasklens(['run', tasksModule, 'countLines', '--dataset', dataset, '--label', 'hi']);
    expect(counted.code, counted.stderr).toBe(0);
    const [json, deckLine] = counted.stdout.split(/\n(?=deck: )/);
    expect(JSON.parse(json!)).toMatchObject({ lines: 3 });
    expect(deckLine).toMatch(/^deck: file:\/\/.*\/local_flytekit\/[0-9a-f]{32}\/deck\.html\n$/);
  });

  it('run: a bad value or unknown input is a usage error (exit 2, as pyflyte run) naming the option', async () => {
    const bad = await tasklens(['run', tasksModule, 'add', '--a', 'x', '--b', '2']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--a: cannot read "x" as integer');
    const unknown = await tasklens(['run', tasksModule, 'add', '--c', '1']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('interop.add has no input c');
    expect(unknown.stderr).toContain('inputs: --a, --b');
  });

  it('describe: prints the interface as flyteidl JSON with config and secrets', async () => {
    const result = await tasklens(['describe', tasksModule, 'countLines']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      name: 'interop.count_lines',
      inputs: {
        dataset: { type: { blob: { format: 'csv' } }, typeName: 'file (format csv)' },
        label: { type: { simple: 'STRING' }, typeName: 'string' },
      },
      outputs: {
        lines: { type: { simple: 'INTEGER' }, typeName: 'integer' },
        summary: { type: { blob: {} }, typeName: 'file' },
      },
      enableDeck: true,
      deckFields: ['Source Code', 'Dependencies', 'Timeline', 'Input', 'Output'],
      secretRequests: [{ group: 'wandb', key: 'api_key', mountRequirement: 'ANY' }],
      config: {
        link_type: 'wandb-execution-id',
        project: 'interop',
        entity: 'tasklens',
        host: 'https://wandb.ai',
      },
      retries: 2,
    });
  });

  it('execute: a missing flag exits 2 naming it; help lists the commands', async () => {
    const missing = await tasklens([
      'execute',
      '--inputs',
      '/tmp/x.pb',
      '--task-module',
      'm',
      '--task-name',
      't',
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--output-prefix is required');
    const help = await tasklens(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('execute --inputs <uri> --output-prefix <uri>');
    expect(help.stdout).toMatch(/^ {2}run <module> <task\|workflow>/m);
    expect(help.stdout).toMatch(/^ {2}describe <module> <task>/m);
  });
});
