import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'readme',
    include: ['*.test.ts'],
    environment: 'node',
    // Each example runs in its own Node process against the built packages.
    testTimeout: 180_000,
    hookTimeout: 240_000,
  },
});
