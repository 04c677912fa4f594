import { Secret, task, types } from '@tasklens/core';
import { type NeptuneScaleRun, neptuneRun, neptuneScaleRun } from '@tasklens/neptune';
import { fitLinearModel, rootMeanSquaredError } from './fit-linear-model';
import { generateHouses } from './generate-data';

// Neptune's hosted service is closed: the run is kept offline in `.neptune/` (NEPTUNE_LOG_DIRECTORY
// to move it) and uploaded later to a self-hosted server with neptune-scale's sync.
const tracked = neptuneScaleRun({
  project: 'tasklens/demo',
  secret: new Secret({ group: 'neptune', key: 'api_token' }),
  mode: 'offline',
  ...(process.env.NEPTUNE_LOG_DIRECTORY === undefined
    ? {}
    : { logDirectory: process.env.NEPTUNE_LOG_DIRECTORY }),
});

/** Cross-validates the linear price model (k folds) and logs each fold's RMSE to a Neptune Scale run. */
export const crossValidate = task(
  {
    name: 'demo.cross_validate',
    inputs: { rows: types.integer(), folds: types.integer(), seed: types.integer() },
    outputs: { meanRmse: types.float(), database: types.string() },
    description: 'Cross-validate the price model, tracked offline with Neptune Scale',
  },
  tracked(async function crossValidate({ rows, folds, seed }: { rows: number; folds: number; seed: number }) {
    const run = neptuneRun<NeptuneScaleRun>()!;
    run.logConfigs({
      'parameters/rows': rows,
      'parameters/folds': folds,
      'parameters/model': 'ordinary least squares',
    });
    run.addTags(['demo', 'cross-validation']);
    const houses = generateHouses(rows, seed);
    const features = houses.map((house) => [house.area, house.rooms, house.age]);
    const targets = houses.map((house) => house.price);
    const errors: number[] = [];
    for (let fold = 0; fold < folds; fold++) {
      const inFold = (index: number) => index % folds === fold;
      const model = fitLinearModel(
        features.filter((_, index) => !inFold(index)),
        targets.filter((_, index) => !inFold(index)),
      );
      const rmse = rootMeanSquaredError(
        model,
        features.filter((_, index) => inFold(index)),
        targets.filter((_, index) => inFold(index)),
      );
      errors.push(rmse);
      run.logMetrics({ data: { 'eval/rmse': rmse }, step: fold });
    }
    const meanRmse = errors.reduce((total, value) => total + value, 0) / errors.length;
    run.logConfigs({ 'eval/mean_rmse': meanRmse });
    return { meanRmse, database: run.runId };
  }),
);
