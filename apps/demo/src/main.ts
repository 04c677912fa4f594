import { workflow } from '@tasklens/core';
import { runAsFlyteTask } from './run-as-flyte-task';
import { train } from './train-task';

const pipeline = workflow('demo.pipeline', async () => train({ rows: 2_000, seed: 7 }));

console.log('\n== 1. The workflow, locally ==');
const result = await pipeline();
console.log(
  `demo.train: rmse ${result.rmse.toFixed(1)}, weights ${result.weights.map((weight) => weight.toFixed(1)).join(', ')}`,
);

console.log('\n== 2. The same task through the Flyte container contract (tasklens execute) ==');
const flyte = await runAsFlyteTask(train, 'train', { rows: 2_000, seed: 7 });
console.log(
  `outputs.pb: ${flyte.outputDirectory}/outputs.pb -> rmse ${(flyte.outputs.rmse as number).toFixed(1)}`,
);
console.log(`deck.html:  ${flyte.deckPath ?? '(no deck written)'}`);
