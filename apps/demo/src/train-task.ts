import { currentContext, Deck, escapeHtml, Secret, task, types } from '@tasklens/core';
import { memrayProfiling } from '@tasklens/memray';
import { wandbInit, wandbRun } from '@tasklens/wandb';
import { fitLinearModel, rootMeanSquaredError } from './fit-linear-model';
import { generateHouses } from './generate-data';

const featureNames = ['area', 'rooms', 'age'] as const;

function coefficientTable(intercept: number, weights: number[]): string {
  const rows = [
    ['intercept', intercept],
    ...featureNames.map((name, index) => [name, weights[index]!] as const),
  ]
    .map(
      ([name, value]) => `<tr><td>${escapeHtml(String(name))}</td><td>${Number(value).toFixed(2)}</td></tr>`,
    )
    .join('');
  return `<table border="1" cellpadding="5" style="border-collapse:collapse"><thead><tr><th>Term</th><th>Coefficient</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function residualChart(points: { actual: number; predicted: number }[]): string {
  const maximum = Math.max(...points.flatMap((point) => [point.actual, point.predicted]));
  const scale = (value: number) => (value / maximum) * 280 + 10;
  const dots = points
    .slice(0, 300)
    .map(
      (point) =>
        `<circle cx="${scale(point.actual).toFixed(1)}" cy="${(300 - scale(point.predicted)).toFixed(1)}" r="2" fill="#7b3fe4" opacity="0.6"/>`,
    )
    .join('');
  return `<svg width="300" height="300" viewBox="0 0 300 300" role="img" aria-label="Predicted against actual price"><line x1="10" y1="290" x2="290" y2="10" stroke="#999" stroke-dasharray="4"/>${dots}</svg>`;
}

// Offline unless the user opts in with WANDB_MODE=online (and a W&B API key).
const tracked = wandbInit({
  project: 'tasklens-demo',
  entity: 'tasklens',
  secret: new Secret({ group: 'wandb', key: 'api_key' }),
  mode: (process.env.WANDB_MODE as 'online' | 'offline' | undefined) ?? 'offline',
  tags: ['demo', 'linear-model'],
  config: { model: 'ordinary least squares', features: [...featureNames] },
});

/** Fits a linear price model on generated houses; reports RMSE and coefficients in a deck and to W&B. */
export const train = task(
  {
    name: 'demo.train',
    inputs: { rows: types.integer(), seed: types.integer() },
    outputs: { rmse: types.float(), weights: types.list(types.float()) },
    enableDeck: true,
    description: 'Fit a linear price model on generated housing data',
  },
  tracked(
    memrayProfiling({ samplingIntervalBytes: 16 * 1024 })(async function fitPriceModel({ rows, seed }) {
      const houses = generateHouses(rows, seed);
      const features = houses.map((house) => [house.area, house.rooms, house.age]);
      const targets = houses.map((house) => house.price);
      const model = await currentContext().timeline.time('fit linear model', () =>
        fitLinearModel(features, targets),
      );
      const rmse = rootMeanSquaredError(model, features, targets);
      const run = wandbRun();
      // One history row per coefficient, so the run has a chart to look at.
      for (const [step, weight] of [model.intercept, ...model.weights].entries())
        run?.log({ coefficient: weight }, { step });
      if (run) run.summary.rmse = rmse;
      const points = features.map((values, index) => ({
        actual: targets[index]!,
        predicted: values.reduce(
          (total, value, column) => total + value * model.weights[column]!,
          model.intercept,
        ),
      }));
      new Deck(
        'Model',
        `<h2>Linear price model</h2><p>RMSE: ${rmse.toFixed(1)}</p>${coefficientTable(model.intercept, model.weights)}${residualChart(points)}`,
      );
      return { rmse, weights: [model.intercept, ...model.weights] };
    }),
  ),
);
