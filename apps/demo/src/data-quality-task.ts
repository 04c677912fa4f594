import { Deck, escapeHtml, task, types } from '@tasklens/core';
import {
  ConstraintsBuilder,
  calculateDriftScores,
  datasetProfileViewType,
  greaterThanNumber,
  isInRange,
  log,
  meanBetweenRange,
  noMissingValues,
  WhylogsConstraintsRenderer,
  WhylogsSummaryDriftRenderer,
} from '@tasklens/whylogs';
import { generateHouses } from './generate-data';

/** Profiles the training data with whylogs; the profile travels to the next task as a blob. */
export const profileTrainingData = task(
  {
    name: 'demo.profile_training_data',
    inputs: { rows: types.integer(), seed: types.integer() },
    outputs: datasetProfileViewType(),
    enableDeck: true,
    deckFields: ['Timeline', 'Output'],
  },
  ({ rows, seed }) => log(generateHouses(rows, seed)).view(),
);

/**
 * Checks this week's batch against the training data: constraints on the batch and a summary
 * drift report, both as decks; returns whether every constraint passed and which columns drifted.
 */
export const checkDataQuality = task(
  {
    name: 'demo.check_data_quality',
    inputs: { reference: datasetProfileViewType(), rows: types.integer(), seed: types.integer() },
    outputs: { passed: types.boolean(), driftedColumns: types.list(types.string()) },
    enableDeck: true,
    deckFields: ['Timeline'],
  },
  ({ reference, rows, seed }) => {
    const referenceRecords = generateHouses(rows, seed - 1);
    const batch = generateHouses(rows, seed, 1);
    const batchProfile = log(batch).view();
    const constraints = new ConstraintsBuilder(batchProfile)
      .addConstraints([
        noMissingValues('price'),
        greaterThanNumber('area', 0),
        isInRange('rooms', 1, 5),
        meanBetweenRange('age', 30, 50),
        isInRange('area', 40, 200),
      ])
      .build();
    new Deck('Constraints', WhylogsConstraintsRenderer.toHtml(constraints));
    new Deck('Summary drift', WhylogsSummaryDriftRenderer.toHtml(referenceRecords, batch));
    const scores = calculateDriftScores(batchProfile, reference, { withThresholds: true });
    const driftedColumns = Object.entries(scores)
      .filter(([, score]) => score?.drift_category === 'DRIFT')
      .map(([column]) => column)
      .sort();
    new Deck(
      'Drift verdict',
      `<p>Columns drifted against the training data: ${escapeHtml(driftedColumns.join(', ') || 'none')}</p>`,
    );
    return { passed: constraints.validate(), driftedColumns };
  },
);
