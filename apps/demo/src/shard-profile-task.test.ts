import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { FileAccess, fromLiteral, toLiteral } from '@tasklens/core/plugin';
import { DatasetProfileView, datasetProfileViewType, log } from '@tasklens/whylogs';
import { describe, expect, it } from 'vitest';
import { generateHouses } from './generate-data';
import { datasetShard, mergeShardProfiles, profileShard } from './shard-profile-task';

const rows = 2_000;
const seed = 7;
const shards = 4;
const columns = ['area', 'rooms', 'age', 'neighbourhood', 'price'];

/** A profile as the next task receives it: written as the whylogs blob, read back. */
async function throughBlob(view: DatasetProfileView): Promise<DatasetProfileView> {
  const directory = mkdtempSync(join(tmpdir(), 'demo-shard-blob-'));
  const fileAccess = new FileAccess({
    rawOutputPrefix: `file://${directory}/raw`,
    localDirectory: directory,
  });
  const type = datasetProfileViewType();
  const literal = await toLiteral(view, type, { fileAccess, path: 'outputs.o0' });
  return (await fromLiteral(literal, type, { fileAccess, path: 'inputs.profiles' })) as DatasetProfileView;
}

async function shardProfiles(): Promise<DatasetProfileView[]> {
  const profiles: DatasetProfileView[] = [];
  for (let shard = 0; shard < shards; shard++) {
    profiles.push(await throughBlob(await profileShard({ shard, shards, rows, seed })));
  }
  return profiles;
}

/** How far `rank` lies outside the ranks `value` takes in `values` (below it … at or below it). */
function rankDistance(values: number[], value: number, rank: number): number {
  const below = values.filter((candidate) => candidate < value).length / values.length;
  const atOrBelow = values.filter((candidate) => candidate <= value).length / values.length;
  return Math.max(0, below - rank, rank - atOrBelow);
}

describe('demo: shards profiled by a mapped whylogs task, merged by the next task', () => {
  it('cuts the dataset into disjoint contiguous shards that cover every row once', () => {
    const whole = generateHouses(rows, seed);
    const pieces = Array.from({ length: shards }, (_, shard) => datasetShard(rows, seed, shard, shards));
    expect(pieces.map((piece) => piece.length)).toEqual([500, 500, 500, 500]);
    expect(pieces.flat()).toEqual(whole);
    expect(datasetShard(10, seed, 2, 3)).toEqual(generateHouses(10, seed).slice(6, 10));
  });

  it('merges the shard profiles into the profile of the whole dataset', async () => {
    const merged = await mergeShardProfiles({ profiles: await shardProfiles() });
    const houses = generateHouses(rows, seed);
    const whole = log(houses).view();
    const mergedSummary = merged.toSummary();
    const wholeSummary = whole.toSummary();
    expect(Object.keys(mergedSummary).sort()).toEqual(columns.slice().sort());
    for (const column of columns) {
      const got = mergedSummary[column]!;
      const want = wholeSummary[column]!;
      // Counters add exactly.
      for (const key of Object.keys(want).filter((name) => /^(counts|types|ints)\//.test(name))) {
        expect(got[key], `${column} ${key}`).toEqual(want[key]);
      }
      expect(got['counts/n']).toBe(rows);
      // HLL sketches union (whylogs' lg_k 12): the union's estimate is not the whole-dataset
      // sketch's bit for bit, but both stay within 2 % (≈ 1.3 standard errors) of the truth.
      const truth = new Set(houses.map((house) => house[column as keyof (typeof houses)[number]])).size;
      expect(Math.abs((got['cardinality/est'] as number) / truth - 1), column).toBeLessThan(0.02);
      expect(Math.abs((want['cardinality/est'] as number) / truth - 1), column).toBeLessThan(0.02);
    }
    for (const column of ['area', 'rooms', 'age', 'price'] as const) {
      const got = mergedSummary[column]!;
      const want = wholeSummary[column]!;
      const values = houses.map((house) => house[column]);
      // Min, max and n are exact in a KLL merge; mean and variance merge by Chan's formula.
      expect(got['distribution/n']).toBe(rows);
      expect(got['distribution/min']).toBe(want['distribution/min']);
      expect(got['distribution/max']).toBe(want['distribution/max']);
      expect(got['distribution/mean'] as number).toBeCloseTo(want['distribution/mean'] as number, 6);
      expect(got['distribution/stddev'] as number).toBeCloseTo(want['distribution/stddev'] as number, 6);
      // KLL (k = 256) merges keep quantiles within the sketch's rank error (~1.3 %, bounded at 3 % here).
      for (const [key, rank] of [
        ['distribution/q_10', 0.1],
        ['distribution/median', 0.5],
        ['distribution/q_90', 0.9],
      ] as const) {
        expect(rankDistance(values, got[key] as number, rank), `${column} ${key}`).toBeLessThan(0.03);
      }
    }
    // Frequent strings: four neighbourhoods fit the sketch, so the merged counts are exact.
    const frequent = (summary: typeof mergedSummary) =>
      (summary.neighbourhood!['frequent_items/frequent_strings'] as { value: string; est: number }[])
        .map(({ value, est }) => `${value}:${est}`)
        .sort();
    expect(frequent(mergedSummary)).toEqual(frequent(wholeSummary));
  });

  it('passes each shard profile to the merge task unchanged (the whylogs blob reads back the same profile)', async () => {
    for (let shard = 0; shard < shards; shard++) {
      const profile = await profileShard({ shard, shards, rows, seed });
      const back = await throughBlob(profile);
      expect(back.toSummary()).toEqual(profile.toSummary());
      expect(DatasetProfileView.deserialize(back.serialize()).toSummary()).toEqual(profile.toSummary());
      // (Not byte for byte: an HLL coupon list may be written in another order, read back the same.)
    }
  });

  it('refuses an empty list of profiles and a shard outside 0..shards-1, naming the input', async () => {
    await expect(mergeShardProfiles({ profiles: [] })).rejects.toThrow(InvalidOptionError);
    await expect(mergeShardProfiles({ profiles: [] })).rejects.toThrow(/profiles/);
    expect(() => datasetShard(rows, seed, 4, 4)).toThrow(/shard must be in 0\.\.3, got 4/);
    expect(() => datasetShard(rows, seed, 0, 0)).toThrow(InvalidOptionError);
  });
});
