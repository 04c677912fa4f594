// The task of the consumer app CI builds from the registry (scripts/consumer-apps.mjs): compiled to
// ESM and CJS from this one file, so no top-level await.
import { Secret, task, types } from '@tasklens/core';
import { wandbInit, wandbRun } from '@tasklens/wandb';

const train = task(
  { name: 'consumer.train', inputs: { epochs: types.integer() }, outputs: types.float() },
  wandbInit({
    project: 'consumer',
    entity: 'ci',
    secret: new Secret({ group: 'wandb', key: 'api_key' }),
    mode: 'offline',
  })(async ({ epochs }) => {
    let loss = 1;
    for (let epoch = 0; epoch < epochs; epoch++) {
      loss *= 0.5;
      wandbRun()?.log({ loss, epoch });
    }
    return loss;
  }),
);

train({ epochs: 3 }).then((loss) => console.log(`task ran; final loss ${loss}`));
