import { workflow } from '@tasklens/core';
import { crossValidate } from './cross-validate-task';
import { checkDataQuality, profileTrainingData } from './data-quality-task';
import { evaluate } from './evaluate-task';
import { runAsFlyteTask } from './run-as-flyte-task';
import { train } from './train-task';

const pipeline = workflow('demo.pipeline', async () => {
  const reference = await profileTrainingData({ rows: 2_000, seed: 7 });
  const model = await train({ rows: 2_000, seed: 7 });
  const quality = await checkDataQuality({ reference, rows: 2_000, seed: 8 });
  const curve = await evaluate({ rows: 2_000, seed: 7 });
  return { reference, model, quality, curve };
});

console.log('\n== 1. The workflow, locally ==');
const { reference, model, quality, curve } = await pipeline();
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

console.log(
  `demo.evaluate: best rmse ${curve.bestRmse.toFixed(1)}; its Comet experiment was written offline (no account needed), see the comet upload command above`,
);

const validation = await crossValidate({ rows: 2_000, folds: 5, seed: 7 });
console.log(
  `demo.cross_validate: 5-fold RMSE ${validation.meanRmse.toFixed(1)}; Neptune Scale run ${validation.database} kept offline in .neptune/ (upload: python -c "from neptune_scale.cli.commands import main; main()" sync <run_operations.sqlite3>)`,
);

console.log('\n== 2. The train task through the Flyte container contract (tasklens execute) ==');
const flyte = await runAsFlyteTask(train, 'train', { rows: 2_000, seed: 7 });
console.log(
  `outputs.pb: ${flyte.outputDirectory}/outputs.pb -> rmse ${(flyte.outputs.rmse as number).toFixed(1)}`,
);
console.log(`deck.html:  ${flyte.deckPath ?? '(no deck written)'}`);
