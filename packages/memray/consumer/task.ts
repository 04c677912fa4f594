// The task of the consumer app CI builds from the registry (scripts/consumer-apps.mjs): compiled to
// ESM and CJS from this one file, so no top-level await.
import { task, types } from '@tasklens/core';
import { memrayProfiling } from '@tasklens/memray';

const build = task(
  { name: 'consumer.build', inputs: { rows: types.integer() }, outputs: types.integer() },
  memrayProfiling(
    async ({ rows }) => Array.from({ length: rows }, (_, index) => ({ index, name: `row-${index}` })).length,
  ),
);

build({ rows: 200_000 }).then((count) => console.log(`task ran; ${count} rows profiled`));
