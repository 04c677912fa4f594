import { describe, expect, it } from 'vitest';
import { KllDoublesSketch } from '../src/sketches';
import { hex, jsonNumber, pythonFloat, runOracle, seededRandom, unhex } from './sketches-oracle';

// Cross-checks against whylogs-sketching (the fork's pybind KLL) in the oracle venv.
// Exact: every sketch with n ≤ k (no coin flips), bytes before and after a quantile query, quantiles, CDF, PMF;
// every query on the *same* bytes (ours read by Python, Python's read by us); merges that stay under k.
// Statistical only: sketches that compact independently on both sides (the fork's coin is an mt19937 seeded
// from the clock, which cannot be injected through the Python binding).

const RANKS = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];

interface KllResult {
  n: number;
  numRetained: number;
  min: string;
  max: string;
  cdf: number[];
  pmf: number[];
  quantiles: string[];
  bytesBeforeQuery: string;
  bytesAfterQuery: string;
}

function ours(values: number[], k = 1024): KllDoublesSketch {
  const sketch = KllDoublesSketch.create({ k });
  for (const value of values) sketch.update(value);
  return sketch;
}

function summarize(sketch: KllDoublesSketch, splitPoints: number[]) {
  const cdf = sketch.getCDF(splitPoints.length > 0 ? splitPoints : [0]);
  const pmf = sketch.getPMF(splitPoints.length > 0 ? splitPoints : [0]);
  const bytesBeforeQuery = hex(sketch.serialize());
  const quantiles = sketch.getQuantiles(RANKS);
  return {
    n: sketch.n,
    cdf: splitPoints.length > 0 ? cdf : [],
    pmf: splitPoints.length > 0 ? pmf : [],
    bytesBeforeQuery,
    quantiles,
    bytesAfterQuery: hex(sketch.serialize()),
  };
}

function expectSameAsPython(sketch: KllDoublesSketch, python: KllResult, splitPoints: number[]): void {
  const mine = summarize(sketch, splitPoints);
  expect(mine.n).toBe(python.n);
  expect(sketch.min).toBe(pythonFloat(python.min));
  expect(sketch.max).toBe(pythonFloat(python.max));
  expect(mine.bytesBeforeQuery).toBe(python.bytesBeforeQuery);
  expect(mine.quantiles).toEqual(python.quantiles.map(pythonFloat));
  expect(mine.cdf).toEqual(python.cdf);
  expect(mine.pmf).toEqual(python.pmf);
  expect(mine.bytesAfterQuery).toBe(python.bytesAfterQuery);
}

const random = seededRandom(7);
const exactDatasets: Record<string, number[]> = {
  empty: [],
  single: [42],
  'worked example [4,2,3,5]': [4, 2, 3, 5],
  'floats [1.0,2.2,0.1,1.2]': [1.0, 2.2, 0.1, 1.2],
  'duplicates and negatives': [3, -1, 3, 3, -1, 0, 7.25, -1e300, 1e-300],
  'with NaN, ±Infinity and -0.0': [1, Number.NaN, Number.POSITIVE_INFINITY, -0, Number.NEGATIVE_INFINITY, 2],
  '1024 random floats (exactly k)': Array.from({ length: 1024 }, () => random() * 1000 - 500),
  'k = 256, 256 values': Array.from({ length: 256 }, (_, index) => (index * 7919) % 256),
};

describe('KLL interop with whylogs-sketching', () => {
  const splitPoints = [-100, 0, 2.5, 4, 100];

  it('builds byte-identical sketches and identical queries while n ≤ k', () => {
    const names = Object.keys(exactDatasets);
    const jobs = names.map((name) => ({
      kind: 'kll',
      k: name.startsWith('k = 256') ? 256 : 1024,
      values: exactDatasets[name]!.map(jsonNumber),
      ranks: RANKS,
      splitPoints,
    }));
    const results = runOracle<KllResult>(jobs);
    names.forEach((name, index) => {
      const sketch = ours(exactDatasets[name]!, jobs[index]!.k);
      if (sketch.isEmpty) {
        expect(hex(sketch.serialize())).toBe(results[index]!.bytesBeforeQuery);
        expect(results[index]!.n).toBe(0);
        return;
      }
      expectSameAsPython(sketch, results[index]!, splitPoints);
    });
  });

  it('Python reads our compacted preamble-ints-6 sketches and answers every query exactly as we do', () => {
    const values = Array.from({ length: 100_000 }, () => random() * 1e6);
    const sketches = [ours(values), ours(values.slice(0, 5000)), ours(values.slice(0, 3000), 200)];
    const results = runOracle<KllResult>(
      sketches.map((sketch) => ({
        kind: 'kll_read',
        bytes: hex(sketch.serialize()),
        ranks: RANKS,
        splitPoints,
      })),
    );
    for (const [index, sketch] of sketches.entries())
      expectSameAsPython(sketch, results[index]!, splitPoints);
  });

  it('reads Python-compacted sketches and answers every query exactly as Python does', () => {
    const values = Array.from({ length: 100_000 }, () => random() * 2 - 1).map(jsonNumber);
    const results = runOracle<KllResult>([
      { kind: 'kll', values, ranks: RANKS, splitPoints: [-0.5, 0, 0.5] },
      { kind: 'kll', k: 256, values: values.slice(0, 20_000), ranks: RANKS, splitPoints: [-0.5, 0, 0.5] },
    ]);
    for (const python of results) {
      const sketch = KllDoublesSketch.deserialize(unhex(python.bytesBeforeQuery));
      expect(sketch.numRetained).toBe(python.numRetained);
      expectSameAsPython(sketch, python, [-0.5, 0, 0.5]);
    }
  });

  it('merges like whylogs: exact below k, n/min/max exact and quantiles within rank error above', () => {
    const small = [
      [5, 1, 9],
      [2, 8, 8, 3],
    ];
    const large = [
      Array.from({ length: 30_000 }, () => random() * 100),
      Array.from({ length: 50_000 }, () => 50 + random() * 100),
    ];
    const [exact, estimated] = runOracle<KllResult>([
      {
        kind: 'kll_merge',
        left: hex(ours(small[0]!).serialize()),
        right: hex(ours(small[1]!).serialize()),
        ranks: RANKS,
      },
      {
        kind: 'kll_merge',
        left: hex(ours(large[0]!).serialize()),
        right: hex(ours(large[1]!).serialize()),
        ranks: RANKS,
      },
    ]);
    const mergedSmall = ours(small[0]!);
    mergedSmall.merge(ours(small[1]!));
    expectSameAsPython(mergedSmall, exact!, []);

    const mergedLarge = ours(large[0]!);
    mergedLarge.merge(ours(large[1]!));
    expect(mergedLarge.n).toBe(estimated!.n);
    expect(mergedLarge.min).toBe(pythonFloat(estimated!.min));
    expect(mergedLarge.max).toBe(pythonFloat(estimated!.max));
    const all = [...large[0]!, ...large[1]!].sort((left, right) => left - right);
    const rankOf = (value: number) => all.findIndex((entry) => entry >= value) / all.length;
    mergedLarge.getQuantiles(RANKS).forEach((value, index) => {
      expect(Math.abs(rankOf(value) - RANKS[index]!)).toBeLessThan(0.01);
      expect(Math.abs(rankOf(pythonFloat(estimated!.quantiles[index]!)) - RANKS[index]!)).toBeLessThan(0.01);
    });
  });
});
