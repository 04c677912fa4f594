import { InvalidOptionError, task, types } from '@tasklens/core';
import { type DatasetProfileView, datasetProfileViewType, log } from '@tasklens/whylogs';
import { generateHouses, type HouseRecord } from './generate-data';

/** Rows `[⌊shard·rows/shards⌋, ⌊(shard+1)·rows/shards⌋)` of the dataset: contiguous, disjoint shards covering it. */
export function datasetShard(rows: number, seed: number, shard: number, shards: number): HouseRecord[] {
  if (!Number.isInteger(shards) || shards < 1) {
    throw new InvalidOptionError({
      option: 'shards',
      message: `shards must be a positive integer, got ${shards}`,
    });
  }
  if (!Number.isInteger(shard) || shard < 0 || shard >= shards) {
    throw new InvalidOptionError({
      option: 'shard',
      message: `shard must be in 0..${shards - 1}, got ${shard}`,
    });
  }
  const start = Math.floor((shard * rows) / shards);
  const end = Math.floor(((shard + 1) * rows) / shards);
  // The generator is sequential (seeded), so a shard is cut from the whole dataset rather than
  // generated alone: every shard sees exactly the rows the whole dataset has.
  return generateHouses(rows, seed).slice(start, end);
}

/**
 * Profiles one shard of the dataset with whylogs. Used as a map task over `shard` (the other
 * inputs bound): each element runs as its own pod via `tasklens map-execute`.
 */
export const profileShard = task(
  {
    name: 'demo.profile_shard',
    inputs: {
      shard: types.integer(),
      shards: types.integer(),
      rows: types.integer(),
      seed: types.integer(),
    },
    outputs: datasetProfileViewType(),
  },
  ({ shard, shards, rows, seed }) => log(datasetShard(rows, seed, shard, shards)).view(),
);

/** Merges the shard profiles the map task produced into the profile of the whole dataset. */
export const mergeShardProfiles = task(
  {
    name: 'demo.merge_shard_profiles',
    inputs: { profiles: types.list(datasetProfileViewType()) },
    outputs: datasetProfileViewType(),
  },
  ({ profiles }) => {
    const [first, ...rest] = profiles as DatasetProfileView[];
    if (first === undefined) {
      throw new InvalidOptionError({
        option: 'profiles',
        message: 'profiles must hold at least one shard profile',
      });
    }
    // whylogs' DatasetProfileView.merge: counts add, KLL/HLL/frequent-items sketches merge.
    return rest.reduce((merged, profile) => merged.merge(profile), first);
  },
);
