import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { currentContext } from '../context/current-context';
import { task } from '../task/task';
import { types } from '../types/types';
import { createDecorator } from './create-decorator';
import { defineDecorator } from './define-decorator';
import type { TaskDecorator } from './task-decorator';

// flytekit tests/flytekit/unit/core/test_utils.py::test_class_decorator, in TypeScript.
const myDecorator = defineDecorator<{ foo?: string }>(({ foo = 'baz' }) => ({
  name: 'myDecorator',
  execute: (_context, next) => next(),
  extraConfig: () => ({ foo }),
}));

function recording(name: string, log: string[], config: Record<string, string> = {}): TaskDecorator {
  return {
    name,
    async execute(context, next) {
      log.push(`${name}:before`);
      try {
        return await next(context.withAttribute(name, `${name}-run`));
      } finally {
        log.push(`${name}:after`);
      }
    },
    extraConfig: () => config,
  };
}

describe('class decorator protocol', () => {
  it('runs the task and carries the decorator options into the task config', async () => {
    const withOptions = task(
      { name: 'test.t', outputs: types.string() },
      myDecorator({ foo: 'bar' })(() => 'hello world'),
    );
    expect(await withOptions()).toBe('hello world');
    expect(withOptions.config()).toEqual({ foo: 'bar' });
  });

  it('uses the default options when applied bare', async () => {
    const bare = task(
      { name: 'test.t', outputs: types.string() },
      myDecorator(() => 'hello world'),
    );
    expect(await bare()).toBe('hello world');
    expect(bare.config()).toEqual({ foo: 'baz' });
  });

  it('has an empty config for an undecorated task', () => {
    expect(task({ name: 'plain' }, () => undefined).config()).toEqual({});
  });
});

describe('stacked decorators', () => {
  it('run outermost first and expose each attribute to the function', async () => {
    const log: string[] = [];
    const outer = createDecorator(
      recording('outer', log, { link_type: 'wandb-execution-id', host: 'outer' }),
    );
    const inner = createDecorator(
      recording('inner', log, { link_type: 'comet-ml-custom-id', host: 'inner', port: '1' }),
    );
    const stacked = task(
      { name: 'test.stacked', outputs: types.string() },
      outer(
        inner(() => {
          const context = currentContext();
          log.push('body');
          return `${context.getAttribute('outer')}+${context.getAttribute('inner')}`;
        }),
      ),
    );
    expect(await stacked()).toBe('outer-run+inner-run');
    expect(log).toEqual(['outer:before', 'inner:before', 'body', 'inner:after', 'outer:after']);
    expect(stacked.config()).toEqual({
      host: 'outer',
      port: '1',
      link_type: 'wandb-execution-id,comet-ml-custom-id',
    });
    expect(stacked.decorators.map((decorator) => decorator.name)).toEqual(['outer', 'inner']);
  });

  it('runs a decorated function called outside any task as a local task', async () => {
    const decorated = createDecorator(recording('solo', []))(() => currentContext().mode);
    expect(await decorated()).toBe('local-task');
  });

  it('works as a TypeScript standard decorator on an async method', async () => {
    const log: string[] = [];
    const traced = createDecorator(recording('method', log));
    const source = readFileSync(new URL('../__fixtures__/decorated-trainer.ts', import.meta.url), 'utf8');
    const compiled = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    }).outputText;
    const directory = mkdtempSync(join(tmpdir(), 'decorators-'));
    const modulePath = join(directory, 'decorated-trainer.mjs');
    writeFileSync(modulePath, compiled);
    const { makeTrainer } = await import(pathToFileURL(modulePath).href);
    const Trainer = makeTrainer(traced, () => currentContext().getAttribute('method'));
    expect(await new Trainer().train(2)).toBe(7);
    expect(log).toEqual(['method:before', 'method:after']);
  });

  it('propagates the function error through every decorator', async () => {
    const log: string[] = [];
    const failing = createDecorator(recording('guard', log))(() => {
      throw new Error('boom');
    });
    await expect(failing()).rejects.toThrow('boom');
    expect(log).toEqual(['guard:before', 'guard:after']);
  });
});
