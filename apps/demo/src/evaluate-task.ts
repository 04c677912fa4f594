import { join } from 'node:path';
import { cometExperiment, cometMlLogin } from '@tasklens/comet';
import { Secret, task, types } from '@tasklens/core';
import { fitLinearModel, rootMeanSquaredError } from './fit-linear-model';
import { generateHouses } from './generate-data';

/** Where the demo's Comet archives go (upload them with `comet upload <archive>`). */
export const cometOfflineDirectory = join(process.cwd(), '.cometml-runs');

// Offline unless the user opts in with COMET_OFFLINE=false (and a Comet API key): no account needed.
const tracked = cometMlLogin({
  projectName: 'tasklens-demo',
  workspace: 'tasklens',
  secret: new Secret({ group: 'comet', key: 'api_key' }),
  offline: process.env.COMET_OFFLINE !== 'false',
  offlineDirectory: cometOfflineDirectory,
  tags: ['demo', 'learning-curve'],
});

/** Fits the price model on growing training sets and logs the learning curve to Comet. */
export const evaluate = task(
  {
    name: 'demo.evaluate',
    inputs: { rows: types.integer(), seed: types.integer() },
    outputs: { bestRmse: types.float() },
    description: 'Learning curve of the linear price model, tracked in Comet',
  },
  tracked(async function learningCurve({ rows, seed }: { rows: number; seed: number }) {
    const experiment = cometExperiment();
    const houses = generateHouses(rows, seed);
    const test = generateHouses(500, seed + 1);
    const featuresOf = (items: typeof houses) => items.map((house) => [house.area, house.rooms, house.age]);
    const testFeatures = featuresOf(test);
    const testTargets = test.map((house) => house.price);
    experiment.logParameters({ model: 'ordinary least squares', rows, seed });
    let bestRmse = Number.POSITIVE_INFINITY;
    for (let step = 1; step <= 10; step++) {
      const size = Math.round((rows * step) / 10);
      const subset = houses.slice(0, size);
      const model = fitLinearModel(
        featuresOf(subset),
        subset.map((house) => house.price),
      );
      const rmse = rootMeanSquaredError(model, testFeatures, testTargets);
      bestRmse = Math.min(bestRmse, rmse);
      experiment.logMetrics({ rmse, training_rows: size }, { step });
    }
    experiment.logOther('best_rmse', bestRmse);
    return { bestRmse };
  }),
);
