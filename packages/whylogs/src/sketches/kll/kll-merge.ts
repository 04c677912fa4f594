import { SketchStateError } from '../common/sketch-state-error';
import type { KllBuffers } from './kll-buffers';
import { generalCompress, KLL_MIN_WIDTH, mergeSortedTwoBuffers, upperBoundOnNumLevels } from './kll-helper';

/**
 * `merge_higher_levels`: after `other`'s level 0 went through `target`'s update path, merges the levels above
 * level-wise into a work buffer and runs a general compaction, then installs the result in `target`.
 */
export function mergeHigherLevels(target: KllBuffers, other: KllBuffers, finalN: number): void {
  const otherAboveZero = other.numLevels === 1 ? 0 : other.levels[other.numLevels]! - other.levels[1]!;
  const workItems = new Float64Array(target.numRetained + otherAboveZero);
  const upperBound = upperBoundOnNumLevels(finalN);
  const workLevels = new Uint32Array(upperBound + 2);
  const outLevels = new Uint32Array(upperBound + 2);
  const provisionalNumLevels = Math.max(target.numLevels, other.numLevels);

  // populate_work_arrays: this sketch's level 0 (which already holds other's level 0), then merged levels.
  workItems.set(target.items.subarray(target.levels[0]!, target.levels[1]!), 0);
  workLevels[1] = target.levelSize(0);
  for (let level = 1; level < provisionalNumLevels; level++) {
    const selfPopulation = target.levelSize(level);
    const otherPopulation = other.levelSize(level);
    workLevels[level + 1] = workLevels[level]! + selfPopulation + otherPopulation;
    if (selfPopulation > 0 && otherPopulation === 0) {
      workItems.set(
        target.items.subarray(target.levels[level]!, target.levels[level]! + selfPopulation),
        workLevels[level]!,
      );
    } else if (selfPopulation === 0 && otherPopulation > 0) {
      workItems.set(
        other.items.subarray(other.levels[level]!, other.levels[level]! + otherPopulation),
        workLevels[level]!,
      );
    } else if (selfPopulation > 0 && otherPopulation > 0) {
      mergeSortedTwoBuffers(
        target.items,
        target.levels[level]!,
        selfPopulation,
        other.items,
        other.levels[level]!,
        otherPopulation,
        workItems,
        workLevels[level]!,
      );
    }
  }

  const result = generalCompress(
    target.k,
    KLL_MIN_WIDTH,
    provisionalNumLevels,
    workItems,
    workLevels,
    outLevels,
    target.isLevelZeroSorted,
    target.randomBit,
  );
  if (result.finalNumLevels > upperBound)
    throw new SketchStateError({ field: 'kll.numLevels', message: 'merge produced too many levels' });

  const freeSpaceAtBottom = result.finalCapacity - result.finalNumItems;
  const items = new Float64Array(result.finalCapacity);
  items.set(workItems.subarray(outLevels[0]!, outLevels[0]! + result.finalNumItems), freeSpaceAtBottom);
  target.items = items;
  if (target.levels.length < result.finalNumLevels + 1) {
    const grown = new Uint32Array(result.finalNumLevels + 1);
    target.levels = grown;
  }
  const offset = freeSpaceAtBottom - outLevels[0]!;
  for (let level = 0; level < target.levels.length; level++)
    target.levels[level] = outLevels[level]! + offset;
  target.numLevels = result.finalNumLevels;
}
