import { workflow } from '@tasklens/core';
import { checkDataQuality, profileTrainingData } from './data-quality-task';
import { evaluate } from './evaluate-task';
import { runAsFlyteTask } from './run-as-flyte-task';
import { train } from './train-task';

const pipeline = workflow('demo.pipeline', async () => {
  const reference = await profileTrainingData({ rows: 2_000, seed: 7 });
  const model = await train({ rows: 2_000, seed: 7 });
  const quality = await checkDataQuality({ reference, rows: 2_000, seed: 8 });
  return { reference, model, quality };
});

console.log('\n== 1. The workflow, locally ==');
const { reference, model, quality } = await pipeline();
console.log('\ndemo.profile_training_data: whylogs summary of the training data');
console.table(
  Object.fromEntries(
    Object.entries(reference.toSummary()).map(([column, summary]) => [
      column,
      {
        count: summary['counts/n'],
        nulls: summary['counts/null'],
        mean: summary['distribution/mean'],
        median: summary['distribution/median'],
        distinct: summary['cardinality/est'],
      },
    ]),
  ),
);
console.log(
  `demo.train: rmse ${model.rmse.toFixed(1)}, weights ${model.weights.map((weight) => weight.toFixed(1)).join(', ')}`,
);
console.log(
  `demo.check_data_quality: constraints ${quality.passed ? 'passed' : 'failed'}, drifted columns: ${quality.driftedColumns.join(', ') || 'none'}`,
);

const evaluation = await evaluate({ rows: 2_000, folds: 5, seed: 7 });
console.log(
  `demo.evaluate: 5-fold RMSE ${evaluation.meanRmse.toFixed(1)}; Neptune Scale run ${evaluation.database} kept offline in .neptune/ (upload: python -c "from neptune_scale.cli.commands import main; main()" sync <run_operations.sqlite3>)`,
);

console.log('\n== 2. The train task through the Flyte container contract (tasklens execute) ==');
const flyte = await runAsFlyteTask(train, 'train', { rows: 2_000, seed: 7 });
console.log(
  `outputs.pb: ${flyte.outputDirectory}/outputs.pb -> rmse ${(flyte.outputs.rmse as number).toFixed(1)}`,
);
console.log(`deck.html:  ${flyte.deckPath ?? '(no deck written)'}`);
