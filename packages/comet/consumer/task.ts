// The task of the consumer app CI builds from the registry (scripts/consumer-apps.mjs): compiled to
// ESM and CJS from this one file, so no top-level await. Offline, so no Comet account is needed.

import { cometExperiment, cometMlLogin } from '@tasklens/comet';
import { Secret, task, types } from '@tasklens/core';

const train = task(
  { name: 'consumer.train', inputs: { epochs: types.integer() }, outputs: types.float() },
  cometMlLogin({
    projectName: 'consumer',
    workspace: 'ci',
    secret: new Secret({ group: 'comet', key: 'api_key' }),
    offline: true,
  })(async ({ epochs }) => {
    let loss = 1;
    for (let epoch = 0; epoch < epochs; epoch++) {
      loss *= 0.5;
      cometExperiment()?.logMetric('loss', loss, { step: epoch });
    }
    return loss;
  }),
);

train({ epochs: 3 }).then((loss) => console.log(`task ran; final loss ${loss}`));
