import { defineProject } from 'vitest/config';
import { sourceAliases } from '../../vitest.shared';

export default defineProject({
  resolve: { alias: sourceAliases() },
  define: { __PACKAGE_VERSION__: JSON.stringify('0.0.0-test') },
  test: { name: 'neptune', include: ['src/**/*.test.ts'], environment: 'node', unstubEnvs: true },
});
