import { defineConfig } from 'vitest/config';

// `npm run test:types`: the type-level tests (`*.test-d.ts`, `expectTypeOf` and `@ts-expect-error`)
// of every package, found by glob so a new package's tests join without editing this file. The
// packages' own `tsc --noEmit` (npm run type-check) checks the same files.
export default defineConfig({
  test: {
    include: [],
    typecheck: {
      enabled: true,
      only: true,
      include: ['packages/*/src/**/*.test-d.ts', 'apps/*/src/**/*.test-d.ts'],
      tsconfig: './tsconfig.types.json',
    },
  },
});
