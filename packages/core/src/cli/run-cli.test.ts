import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from './run-cli';

const fixtures = fileURLToPath(new URL('../__fixtures__/', import.meta.url));

/** Runs `tasklens …` in-process and returns its exit code and what it wrote. */
async function tasklens(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => vi.restoreAllMocks());

// Loading a .ts module through tsx takes seconds on a busy machine.
describe('tasklens command line', { timeout: 120_000 }, () => {
  it('prints its version and the commands', async () => {
    expect(await tasklens('--version')).toMatchObject({ code: 0, stdout: '0.0.0-test\n' });
    const help = await tasklens('--help');
    expect(help.code).toBe(0);
    for (const command of ['run', 'execute', 'describe', '--version']) expect(help.stdout).toContain(command);
  });

  it('answers --help for every command instead of complaining about missing flags', async () => {
    const execute = await tasklens('execute', '--help');
    expect(execute.code).toBe(0);
    expect(execute.stdout).toContain('--output-prefix <uri>');
    expect(execute.stderr).toBe('');
    expect((await tasklens('run', '--help')).stdout).toContain(
      'usage: tasklens run <module> <task|workflow>',
    );
    expect((await tasklens('describe', '--help')).stdout).toContain('usage: tasklens describe');
    expect((await tasklens('help', 'execute')).stdout).toContain('--task-module');
  });

  it('suggests the nearest command or flag for a mistyped one', async () => {
    const command = await tasklens('exeucte');
    expect(command.code).toBe(2);
    expect(command.stderr).toContain('unknown command exeucte (did you mean execute?)');
    const flag = await tasklens('execute', '--inputs', 'x', '--ouput-prefix', 'y');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('unknown option --ouput-prefix (did you mean --output-prefix?)');
  });

  it('lists the tasks of a TypeScript module, and a task inputs with their types', async () => {
    const module = await tasklens('run', `${fixtures}cli-tasks.ts`, '--help');
    expect(module.code).toBe(0);
    expect(module.stdout).toContain(
      'scale (cli.scale)  --row-count <integer> --factor <float> --values <list<float>>',
    );
    const task = await tasklens('run', `${fixtures}cli-tasks.ts`, 'scale', '--help');
    expect(task.stdout).toMatch(/--row-count\s+integer/);
    expect(task.stdout).toMatch(/--values\s+list<float>/);
    expect(task.stdout).toMatch(/scaled\s+list<float>/);
    expect(task.stdout).toContain('Multiplies every value by a factor');
  });

  it('runs a task of a .ts file given as a bare relative path', async () => {
    const cwd = process.cwd();
    process.chdir(fixtures);
    try {
      const result = await tasklens(
        'run',
        'cli-tasks.ts',
        'scale',
        '--row-count',
        '2',
        '--factor',
        '2',
        '--values',
        '[1, 2.5]',
      );
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual({ scaled: [2, 5] });
    } finally {
      process.chdir(cwd);
    }
  });

  it('prints the path of the deck it wrote exactly once', async () => {
    const result = await tasklens('run', `${fixtures}cli-tasks.ts`, 'report');
    expect(result.code, result.stderr).toBe(0);
    const paths = `${result.stdout}${result.stderr}`.match(/file:\/\/\S+deck\.html/g) ?? [];
    expect(paths).toHaveLength(1);
    expect(result.stdout).toContain(`deck: ${paths[0]}`);
    expect(existsSync(fileURLToPath(paths[0]!))).toBe(true);
  });

  it('names a mistyped task input and suggests the right one', async () => {
    const result = await tasklens('run', `${fixtures}cli-tasks.ts`, 'scale', '--factr', '2');
    // A usage error, as pyflyte run (click) exits: 2.
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('cli.scale has no input factr (did you mean --factor?)');
  });

  it('runs a workflow with its declared inputs, its tasks as nodes of one execution, like pyflyte run', async () => {
    const help = await tasklens('run', `${fixtures}cli-tasks.ts`, 'pipeline', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: tasklens run');
    expect(help.stdout).toContain('Scales the values, then greets');
    expect(help.stdout).toMatch(/--factor\s+float/);
    expect(help.stdout).toMatch(/--values\s+list<float>/);
    const module = await tasklens('run', `${fixtures}cli-tasks.ts`, '--help');
    expect(module.stdout).toContain('workflows:');
    expect(module.stdout).toContain('pipeline (cli.pipeline)  --factor <float> --values <list<float>>');
    const result = await tasklens(
      'run',
      `${fixtures}cli-tasks.ts`,
      'cli.pipeline',
      '--factor',
      '2',
      '--values',
      '[1, 2.5]',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Nodes n0 (scale) and n1 (hello) ran before the two nodeOf calls.
    expect(JSON.parse(result.stdout)).toEqual({ scaled: [2, 5], greeting: 'hello', nodes: ['n2', 'n3'] });
  });

  it('runs a workflow declared by name only, and refuses inputs it cannot take', async () => {
    const result = await tasklens('run', `${fixtures}cli-tasks.ts`, 'greet');
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toBe('hello');
    const refused = await tasklens('run', `${fixtures}cli-tasks.ts`, 'greet', '--name', 'x');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('cli.greet is declared by name only and takes no inputs');
    expect((await tasklens('run', `${fixtures}cli-tasks.ts`, 'greet', '--help')).stdout).toContain(
      'declared by name only',
    );
  });

  it('names the missing and the mistyped inputs of a workflow, and lists workflows for an unknown name', async () => {
    const missing = await tasklens('run', `${fixtures}cli-tasks.ts`, 'pipeline', '--factor', '2');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('cli.pipeline: missing input --values');
    const mistyped = await tasklens('run', `${fixtures}cli-tasks.ts`, 'pipeline', '--factr', '2');
    expect(mistyped.code).toBe(2);
    expect(mistyped.stderr).toContain('cli.pipeline has no input factr (did you mean --factor?)');
    const unknown = await tasklens('run', `${fixtures}cli-tasks.ts`, 'pipelin');
    // pyflyte run: "No such command", a usage error (2).
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Task or workflow pipelin not found');
    expect(unknown.stderr).toContain('(did you mean pipeline?)');
    expect(unknown.stderr).toContain('workflows: greet (cli.greet), pipeline (cli.pipeline)');
  });

  it('names a flag where run expects the module, the task or an input, and suggests --help', async () => {
    for (const argv of [
      ['run', '--hepl'],
      ['run', `${fixtures}cli-tasks.ts`, '--hepl'],
      ['run', `${fixtures}cli-tasks.ts`, 'scale', '--hepl'],
      ['run', `${fixtures}cli-tasks.ts`, 'pipeline', '--hepl'],
    ]) {
      const result = await tasklens(...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr, argv.join(' ')).toMatch(/\bhepl\b.*\(did you mean --help\?\)/);
      expect(result.stdout).toBe('');
    }
    const bare = await tasklens('run', '--bogus');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('tasklens run: unknown option --bogus');
  });

  it('describe names an unknown flag and suggests the nearest; usage errors exit 2', async () => {
    const flag = await tasklens('describe', '--hepl');
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('tasklens describe: unknown option --hepl (did you mean --help?)');
    const trailing = await tasklens('describe', `${fixtures}cli-tasks.ts`, 'scale', '--json');
    expect(trailing.code).toBe(2);
    expect(trailing.stderr).toContain('tasklens describe: unknown option --json');
    const missing = await tasklens('describe', `${fixtures}cli-tasks.ts`);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('usage: tasklens describe <module> <task>');
  });

  it('execute and map-execute name an unknown flag once, and exit 2 for it', async () => {
    const execute = await tasklens('execute', '--hepl');
    expect(execute.code).toBe(2);
    expect(execute.stderr).toContain('unknown option --hepl (did you mean --help?)');
    expect(execute.stderr).not.toContain('tasklens execute: tasklens execute:');
    const map = await tasklens('map-execute', '--bound-input', 'a');
    expect(map.code).toBe(2);
    expect(map.stderr).toContain(
      'tasklens map-execute: unknown option --bound-input (did you mean --bound-inputs?)',
    );
    expect(map.stderr).not.toContain('tasklens map-execute: tasklens map-execute:');
  });

  it('help <command> suggests the nearest command for an unknown one', async () => {
    const result = await tasklens('help', 'exeucte');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('tasklens: unknown command exeucte (did you mean execute?)');
  });
});
