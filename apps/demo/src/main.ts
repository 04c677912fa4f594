import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { workflow } from '@tasklens/core';
import type { DatasetProfileView } from '@tasklens/whylogs';
import { crossValidate } from './cross-validate-task';
import { checkDataQuality, profileTrainingData } from './data-quality-task';
import { evaluate } from './evaluate-task';
import { runAsFlyteTask } from './run-as-flyte-task';
import { runAsMapTask } from './run-as-map-task';
import { mergeShardProfiles, profileShard } from './shard-profile-task';
import { train } from './train-task';

const pipeline = workflow('demo.pipeline', async () => {
  const reference = await profileTrainingData({ rows: 2_000, seed: 7 });
  const model = await train({ rows: 2_000, seed: 7 });
  const quality = await checkDataQuality({ reference, rows: 2_000, seed: 8 });
  const curve = await evaluate({ rows: 2_000, seed: 7 });
  return { reference, model, quality, curve };
});

/** Six significant digits for the tables (the estimates are not exact beyond that anyway). */
function forPeople(value: unknown): unknown {
  return typeof value === 'number' ? Number(value.toPrecision(6)) : value;
}

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
        mean: forPeople(summary['distribution/mean']),
        median: forPeople(summary['distribution/median']),
        distinct: forPeople(summary['cardinality/est']),
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

console.log('\n== 3. Shards profiled by a map task, merged by the next task ==');
const shards = 4;
const shardModule = join(dirname(fileURLToPath(import.meta.url)), 'shard-profile-task.js');
const mapRun = await runAsMapTask(
  profileShard,
  shardModule,
  'profileShard',
  { name: 'shard', values: Array.from({ length: shards }, (_, shard) => shard) },
  { shards, rows: 2_000, seed: 7 },
);
const shardProfiles = mapRun.outputs.map((output) => output.o0 as DatasetProfileView);
console.log(
  `demo.profile_shard mapped over ${shards} shards (tasklens map-execute, one pod each): rows per shard ${shardProfiles
    .map((profile) => profile.getColumn('price')?.toSummaryDict()['counts/n'])
    .join(', ')}; outputs under ${mapRun.dataDirectory}/<index>/0/`,
);
// The next task receives the map task's output list as its input, in its own pod.
const mergeRun = await runAsFlyteTask(
  mergeShardProfiles,
  'mergeShardProfiles',
  { profiles: shardProfiles },
  shardModule,
);
const mergedSummary = (mergeRun.outputs.o0 as DatasetProfileView).toSummary();
console.log(
  `demo.merge_shard_profiles (tasklens execute, outputs.pb in ${mergeRun.outputDirectory}): counts and moments equal those of all 2,000 rows; KLL, HLL and frequent-items sketches merged as whylogs merges them`,
);
console.table(
  Object.fromEntries(
    Object.entries(mergedSummary).map(([column, summary]) => [
      column,
      {
        count: summary['counts/n'],
        mean: forPeople(summary['distribution/mean']),
        distinct: forPeople(summary['cardinality/est']),
      },
    ]),
  ),
);
