import { defineConfig } from 'vitest/config';
import { sourceAliases } from './vitest.shared.ts';

// Interop tests drive the real Python packages from the oracle virtualenv; they are slow and run
// apart from the unit tests (`npm run test:interop`).
export default defineConfig({
  resolve: { alias: sourceAliases() },
  test: {
    include: ['packages/*/interop/**/*.test.ts', 'apps/*/interop/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
    maxWorkers: 2,
  },
});
