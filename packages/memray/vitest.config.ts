import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../vitest.shared';

export default defineProject({
  resolve: { alias: sourceAliases() },
  define: { __PACKAGE_VERSION__: JSON.stringify('0.0.0-test') },
  test: {
    name: 'memray',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    unstubEnvs: true,
    // A bound, not an expectation: tests wait for conditions (polling), and a loaded machine (two
    // CPU burners beside the suite, load average 20+) must never fail one by time alone.
    testTimeout: 300_000,
  },
});
