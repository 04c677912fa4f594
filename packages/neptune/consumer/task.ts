// The task of the consumer app CI builds from the registry (scripts/consumer-apps.mjs): compiled to
// ESM and CJS from this one file, so no top-level await. Offline, so no Neptune server is needed;
// both decorators (client 1.x runs and Neptune Scale runs) are stacked.
import { Secret, task, types } from '@tasklens/core';
import { NeptuneRun, NeptuneScaleRun, neptuneInitRun, neptuneRun, neptuneScaleRun } from '@tasklens/neptune';

const secret = new Secret({ group: 'neptune', key: 'api_token' });

const train = task(
  { name: 'consumer.train', inputs: { epochs: types.integer() }, outputs: types.float() },
  neptuneInitRun({ project: 'ci/consumer', secret, mode: 'offline' })(
    neptuneScaleRun({ project: 'ci/consumer', secret, mode: 'offline' })(async ({ epochs }) => {
      let loss = 1;
      for (let epoch = 0; epoch < epochs; epoch++) {
        loss *= 0.5;
        const run = neptuneRun();
        if (run instanceof NeptuneRun) run.log('train/loss', loss, { step: epoch });
        if (run instanceof NeptuneScaleRun) run.logMetrics({ data: { 'train/loss': loss }, step: epoch });
      }
      return loss;
    }),
  ),
);

train({ epochs: 3 }).then((loss) => console.log(`task ran; final loss ${loss}`));
