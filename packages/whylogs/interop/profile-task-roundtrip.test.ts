import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileRecords } from './fixtures/profile-records.mjs';
import {
  attemptPrefixes,
  pyflyteExecuteTask,
  requireOutputs,
  roundtripOracle,
  tasklensExecute,
} from './fixtures/roundtrip-harness';

type Cells = Record<string, number | null>;

interface RelayReport {
  uri: string;
  format: string;
  dimensionality: number;
  columns: string[];
}

function workDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'whylogs-roundtrip-'));
}

/** The to_pandas() cells whylogs must report for profileRecords(rows), by plain arithmetic. */
function expectedCells(rows: number): Record<string, Cells> {
  const records = profileRecords(rows);
  const numeric = (values: number[]): Cells => ({
    'distribution/n': values.length,
    'distribution/mean': values.reduce((sum, value) => sum + value, 0) / values.length,
    'distribution/min': Math.min(...values),
    'distribution/max': Math.max(...values),
  });
  const ids = records.map((record) => record.id);
  const scores = records.flatMap((record) => (record.score === null ? [] : [record.score]));
  return {
    id: {
      'counts/n': rows,
      'counts/null': 0,
      'types/integral': rows,
      'types/fractional': 0,
      'cardinality/est': rows,
      ...numeric(ids),
    },
    score: {
      'counts/n': rows,
      'counts/null': rows - scores.length,
      'types/integral': 0,
      'types/fractional': scores.length,
      ...numeric(scores),
    },
    label: {
      'counts/n': rows,
      'counts/null': 0,
      'types/string': rows,
      'distribution/n': 0,
      'cardinality/est': new Set(records.map((record) => record.label)).size,
    },
  };
}

/** A TS profile handed to Python and back, through both real entrypoints over file:// prefixes. */
describe('DatasetProfileView between TypeScript and Python flytekit tasks (whylogs 1.6.4 oracle)', () => {
  it('a Python task consumes the profile a TS task produced through `tasklens execute`', async () => {
    const work = workDirectory();
    const rows = 240;

    // 1. The TS producer, its inputs.pb written by flytekit's TypeEngine.
    const producer = attemptPrefixes(work, 'typescript-producer');
    await roundtripOracle('write-inputs', [
      `${work}/typescript-producer/inputs.pb`,
      JSON.stringify({ rows }),
    ]);
    const produced = await tasklensExecute(producer, 'makeProfile');
    const producerOutputs = requireOutputs('tasklens execute makeProfile', produced, producer);
    const producerDeck = readFileSync(join(work, 'typescript-producer/out/deck.html'), 'utf8');
    expect(producerDeck).toContain('Profile Visualizer');

    // 2. Our o0 becomes the Python task's `profile` input; flytekit's whylogs transformer reads it.
    const consumer = attemptPrefixes(work, 'python-consumer');
    const relayed = await roundtripOracle<RelayReport>('relay', [
      producerOutputs,
      'o0',
      'profile',
      `${work}/python-consumer/inputs.pb`,
    ]);
    expect(relayed).toMatchObject({ format: 'binary', dimensionality: 0, columns: ['id', 'label', 'score'] });
    // flytekit's put_raw_data layout: <raw prefix>/<32 hex>/<32 hex>.
    expect(relayed.uri).toMatch(
      new RegExp(`^(file://)?${work}/typescript-producer/raw/[0-9a-f]{32}/[0-9a-f]{32}$`),
    );

    // 3. The real pyflyte-execute runs the consumer; Python asserts its outputs against the arithmetic.
    const consumed = await pyflyteExecuteTask(consumer, 'consume_profile');
    const consumerOutputs = requireOutputs('pyflyte-execute consume_profile', consumed, consumer);
    const expected = expectedCells(rows);
    const ids = profileRecords(rows).map((record) => record.id);
    const expectedPath = join(work, 'expected.json');
    writeFileSync(
      expectedPath,
      JSON.stringify({
        columns: expected,
        id_count: rows,
        id_mean: ids.reduce((sum, id) => sum + id, 0) / rows,
      }),
    );
    const checked = await roundtripOracle<{
      summary: Record<string, Cells>;
      columns: string[];
      id_count: number;
      id_mean: number;
    }>('check-consumer', [consumerOutputs, expectedPath]);

    expect(checked.columns).toEqual(['id', 'label', 'score']);
    expect(checked.id_count).toBe(240);
    expect(checked.id_mean).toBeCloseTo(119.5, 12);
    for (const [column, cells] of Object.entries(expected)) {
      for (const [metric, value] of Object.entries(cells)) {
        const precision = metric === 'cardinality/est' ? 2 : 9;
        expect(checked.summary[column]?.[metric], `${column} ${metric}`).toBeCloseTo(value!, precision);
      }
    }
  });

  it('a TS task consumes the profile a Python task produced through pyflyte-execute; drift and constraints agree', async () => {
    const work = workDirectory();

    // 1. The real pyflyte-execute runs the Python producer (why.log(DataFrame).view()).
    const producer = attemptPrefixes(work, 'python-producer');
    await roundtripOracle('write-inputs', [
      `${work}/python-producer/inputs.pb`,
      JSON.stringify({ rows: 180 }),
    ]);
    const produced = await pyflyteExecuteTask(producer, 'produce_profile');
    const producerOutputs = requireOutputs('pyflyte-execute produce_profile', produced, producer);

    // 2. Python's o0 becomes our `profile` input.
    const consumer = attemptPrefixes(work, 'typescript-consumer');
    const relayed = await roundtripOracle<RelayReport>('relay', [
      producerOutputs,
      'o0',
      'profile',
      `${work}/typescript-consumer/inputs.pb`,
    ]);
    expect(relayed).toMatchObject({
      format: 'binary',
      dimensionality: 0,
      columns: ['amount', 'city', 'weight'],
    });

    // 3. `tasklens execute` reads the blob with DatasetProfileView.read and summarizes it.
    const consumed = await tasklensExecute(consumer, 'summarizeProfile');
    const consumerOutputs = requireOutputs('tasklens execute summarizeProfile', consumed, consumer);
    // The Input deck renders the Python-written profile with our summary report.
    expect(readFileSync(join(work, 'typescript-consumer/out/deck.html'), 'utf8')).toContain(
      'Profile Visualizer',
    );

    // 4. Python reads our outputs.pb with TypeEngine and asserts it equals its own summary.
    const checked = await roundtripOracle<{
      typescript: { columns: string[]; counts: Cells; nulls: Cells; means: Cells };
    }>('check-summary', [consumerOutputs, producerOutputs]);
    const weights = Array.from({ length: 180 }, (_, index) => index).filter((index) => index % 9 !== 0);
    expect(checked.typescript).toMatchObject({
      columns: ['amount', 'city', 'weight'],
      counts: { amount: 180, city: 180, weight: 180 },
      nulls: { amount: 0, city: 0, weight: 180 - weights.length },
    });
    expect(checked.typescript.means.weight).toBeCloseTo(
      (weights.reduce((sum, index) => sum + index * 0.75, 0) / weights.length) as number,
      9,
    );

    // 5. Drift and constraints smoke: a TS task checks a TS batch and the Python profile; Python
    //    recomputes both with whylogs on the same two views (read back through TypeEngine).
    const quality = attemptPrefixes(work, 'typescript-quality');
    writeFileSync(
      join(work, 'typescript-quality/inputs.pb'),
      readFileSync(join(work, 'typescript-consumer/inputs.pb')),
    );
    const checkedQuality = await tasklensExecute(quality, 'qualityReport');
    const qualityOutputs = requireOutputs('tasklens execute qualityReport', checkedQuality, quality);
    const compared = await roundtripOracle<{
      typescript: {
        drift: Record<string, { algorithm: string; drift_category: string; statistic: number | string }>;
        constraints: { report: [string, number, number][]; valid: boolean };
      };
    }>('check-quality', [qualityOutputs, producerOutputs]);
    expect(compared.typescript.drift).toMatchObject({
      amount: { algorithm: 'ks', drift_category: 'DRIFT' },
      weight: { algorithm: 'ks', drift_category: 'DRIFT' },
      // 'Rome' is new to the target: an expected count of 0 makes the statistic infinite, on both sides.
      city: { algorithm: 'chi-square', drift_category: 'DRIFT', statistic: 'inf' },
    });
    expect(compared.typescript.constraints).toEqual({
      report: [
        ['amount greater than number 0', 0, 1],
        ['amount is non negative', 1, 0],
        ['weight has no missing values', 0, 1],
        ['weight mean between 60 and 70 (inclusive)', 1, 0],
        ['null percentage of weight lower than 0.2', 1, 0],
        ['city distinct values estimate between 3 and 5 (inclusive)', 1, 0],
      ],
      valid: false,
    });
  });
});
