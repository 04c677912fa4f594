// The buffer layout of a KLL sketch, as the merge, PMF and serialization helpers see it. The helpers take
// these interfaces instead of the `KllDoublesSketch` class so that the class can import them without an
// import cycle.
import type { RandomBit } from './kll-helper';

/** Plain state of a sketch: what deserialization produces and the constructor takes. */
export interface KllState {
  k: number;
  minK: number;
  n: number;
  numLevels: number;
  levels: Uint32Array;
  items: Float64Array;
  minValue: number;
  maxValue: number;
  isLevelZeroSorted: boolean;
}

/** A live sketch's buffers (`KllDoublesSketch` implements it); `items`, `levels`, `numLevels` are writable. */
export interface KllBuffers {
  readonly k: number;
  readonly minK: number;
  readonly nItems: number;
  numLevels: number;
  levels: Uint32Array;
  items: Float64Array;
  readonly minValue: number;
  readonly maxValue: number;
  readonly isLevelZeroSorted: boolean;
  readonly randomBit: RandomBit;
  /** Items held across all levels. */
  readonly numRetained: number;
  /** Items held at `level` (0 past the top level). */
  levelSize(level: number): number;
}
