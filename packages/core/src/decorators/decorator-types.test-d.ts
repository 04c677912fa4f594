// Type-level tests: a decorator keeps the task function's input and output types. Checked by
// `tsc` (npm run type-check) and `npm run test:types`; each `@ts-expect-error` is a wrong usage
// that must stay a compile error (tsc fails on an unused one).
import { describe, expectTypeOf, it } from 'vitest';
import { task } from '../task/task';
import { types } from '../types/types';
import { createDecorator } from './create-decorator';
import { defineDecorator } from './define-decorator';

const passThrough = defineDecorator<{ label?: string }>(() => ({
  name: 'passThrough',
  execute: (_context, next) => next(),
  extraConfig: () => ({}),
}));
const plain = createDecorator({
  name: 'plain',
  execute: (_context, next) => next(),
  extraConfig: () => ({}),
});
const inputs = { rows: types.integer(), label: types.string() };

describe('decorated task functions', () => {
  it('see the declared input types through a bare decorator', () => {
    task(
      { name: 'types.bare', inputs, outputs: types.integer() },
      passThrough(async ({ rows, label }) => {
        expectTypeOf(rows).toEqualTypeOf<number>();
        expectTypeOf(label).toEqualTypeOf<string>();
        return rows;
      }),
    );
  });

  it('see the declared input types through a decorator with options and through stacks', () => {
    task(
      { name: 'types.stacked', inputs, outputs: { count: types.integer() } },
      passThrough({ label: 'outer' })(
        plain(
          passThrough(async ({ rows }) => {
            expectTypeOf(rows).toEqualTypeOf<number>();
            return { count: rows };
          }),
        ),
      ),
    );
  });

  it('refuse an input used as the wrong type', () => {
    task(
      { name: 'types.wrong-input', inputs },
      passThrough(async ({ rows }) => {
        // @ts-expect-error rows is a number
        const text: string = rows;
        return void text;
      }),
    );
    task(
      { name: 'types.wrong-input-stacked', inputs },
      plain(
        passThrough({})(async ({ label }) => {
          // @ts-expect-error label is a string
          const count: number = label;
          return void count;
        }),
      ),
    );
  });

  it('refuse an input that is not declared', () => {
    task(
      { name: 'types.unknown-input', inputs },
      // @ts-expect-error `columns` is not an input
      passThrough(async ({ columns }) => columns),
    );
  });

  it('refuse a result that does not match the outputs', () => {
    task(
      { name: 'types.wrong-output', inputs, outputs: types.string() },
      // @ts-expect-error the output is a string, the function returns a number
      passThrough(async ({ rows }) => rows),
    );
    task(
      { name: 'types.wrong-output-stacked', inputs, outputs: { count: types.integer() } },
      // @ts-expect-error `count` must be a number
      plain(passThrough(async ({ label }) => ({ count: label }))),
    );
  });

  it('keep parameters and results of a decorated plain function', () => {
    const add = passThrough((left: number, right: number) => left + right);
    expectTypeOf(add).parameters.toEqualTypeOf<[number, number]>();
    expectTypeOf(add).returns.toEqualTypeOf<Promise<number>>();
    // @ts-expect-error a string is not a number
    void add('1', 2);
  });

  it('keep the task call signature typed', () => {
    const typed = task(
      { name: 'types.call', inputs, outputs: types.integer() },
      plain(async ({ rows }) => rows),
    );
    expectTypeOf(typed).returns.toEqualTypeOf<Promise<number>>();
    // @ts-expect-error rows must be a number
    void typed({ rows: 'many', label: 'x' });
  });
});
