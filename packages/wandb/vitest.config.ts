import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../vitest.shared';

export default defineProject({
  resolve: { alias: sourceAliases() },
  define: { __PACKAGE_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    name: 'wandb',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    // A bound, not an expectation: on a loaded 2-core CI machine some child-process and server tests
    // pass in 5–6 s, past vitest's 5 s default.
    testTimeout: 60_000,
    unstubEnvs: true,
  },
});
