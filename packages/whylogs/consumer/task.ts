// The task of the consumer app CI builds from the registry (scripts/consumer-apps.mjs): compiled to
// ESM and CJS from this one file, so no top-level await. Plain records, no Arrow.
import { task, types } from '@tasklens/core';
import { log } from '@tasklens/whylogs';

const profile = task({ name: 'consumer.profile', outputs: types.integer() }, () => {
  const summary = log([
    { age: 31, city: 'Lyon' },
    { age: 45, city: 'Kyoto' },
  ])
    .view()
    .toSummary();
  return Object.keys(summary).length;
});

profile().then((columns) => console.log(`task ran; ${columns} columns profiled`));
