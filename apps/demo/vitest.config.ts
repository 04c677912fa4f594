import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: sourceAliases() },
  test: { name: 'demo', include: ['src/**/*.test.ts'], environment: 'node', testTimeout: 60_000 },
});
