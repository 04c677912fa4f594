import { workflow } from '@tasklens/core';
import { train } from './train-task';

const pipeline = workflow('demo.pipeline', async () => train({ rows: 2_000, seed: 7 }));

const result = await pipeline();
console.log(
  `demo.train: rmse ${result.rmse.toFixed(1)}, weights ${result.weights.map((weight) => weight.toFixed(1)).join(', ')}`,
);
