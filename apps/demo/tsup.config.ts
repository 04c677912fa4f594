import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/main.ts', 'src/train-task.ts', 'src/shard-profile-task.ts'],
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node20',
});
