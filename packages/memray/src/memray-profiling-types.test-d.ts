// Type-level tests: `memrayProfiling(fn)` and `memrayProfiling({...})(fn)` keep the task
// function's input and output types, alone and stacked. Checked by `tsc` (npm run type-check)
// and `npm run test:types`; every `@ts-expect-error` is a wrong usage that must stay an error.
import { task, types } from '@tasklens/core';
import { createDecorator } from '@tasklens/core/plugin';
import { describe, expectTypeOf, it } from 'vitest';
import { memrayProfiling } from './memray-profiling';

const other = createDecorator({
  name: 'other',
  execute: (_context, next) => next(),
  extraConfig: () => ({}),
});
const inputs = { rows: types.integer(), label: types.string() };

describe('memrayProfiling types', () => {
  it('passes the declared inputs to the function, bare, with options and stacked', () => {
    task(
      { name: 'memray.types.bare', inputs, outputs: types.integer() },
      memrayProfiling(async ({ rows, label }) => {
        expectTypeOf(rows).toEqualTypeOf<number>();
        expectTypeOf(label).toEqualTypeOf<string>();
        return rows;
      }),
    );
    task(
      { name: 'memray.types.options', inputs, outputs: { total: types.integer() } },
      other(
        memrayProfiling({ memrayHtmlReporter: 'table' })(async ({ rows }) => {
          expectTypeOf(rows).toEqualTypeOf<number>();
          return { total: rows };
        }),
      ),
    );
  });

  it('refuses wrong input and output types', () => {
    task(
      { name: 'memray.types.wrong-input', inputs },
      memrayProfiling(async ({ rows }) => {
        // @ts-expect-error rows is a number
        const text: string = rows;
        return void text;
      }),
    );
    task(
      { name: 'memray.types.unknown-input', inputs },
      // @ts-expect-error `columns` is not an input
      memrayProfiling({})(async ({ columns }) => columns),
    );
    task(
      { name: 'memray.types.wrong-output', inputs, outputs: types.string() },
      // @ts-expect-error the output is a string, the function returns a number
      memrayProfiling(async ({ rows }) => rows),
    );
    task(
      { name: 'memray.types.wrong-output-stacked', inputs, outputs: types.string() },
      // @ts-expect-error the output is a string, the function returns a number
      other(memrayProfiling({ memrayHtmlReporter: 'table' })(async ({ rows }) => rows)),
    );
  });

  it('refuses unknown reporters', () => {
    // @ts-expect-error there is no such reporter
    memrayProfiling({ memrayHtmlReporter: 'pie' });
  });
});
