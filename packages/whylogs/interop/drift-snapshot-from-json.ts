// Rebuilds a profile snapshot from the column metrics that `drift-oracle.py` exports from real
// whylogs profiles (KLL bytes are decoded by our sketch; the rest are whylogs' own numbers).

import { KllDoublesSketch } from '../src/sketches/kll/kll-doubles-sketch';
import type { ColumnSnapshot, ProfileSnapshot } from '../src/snapshot';

type Encoded = number | 'NaN' | 'Infinity' | '-Infinity';
export function decodeNumber(value: Encoded | null): number | null {
  if (value === null) return null;
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Number.POSITIVE_INFINITY;
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY;
  return value;
}

export function snapshotFromJson(columns: Record<string, any>): ProfileSnapshot {
  const snapshot = new Map<string, ColumnSnapshot>();
  for (const [name, column] of Object.entries(columns)) {
    snapshot.set(name, {
      counts: column.counts,
      types: column.types,
      ints: column.ints,
      distribution: column.distribution && {
        kll: KllDoublesSketch.deserialize(Buffer.from(column.distribution.kll, 'base64')),
        mean: decodeNumber(column.distribution.mean)!,
        m2: decodeNumber(column.distribution.m2)!,
      },
      cardinality: column.cardinality && {
        estimate: column.cardinality.estimate,
        upper: {
          1: column.cardinality.upper['1'],
          2: column.cardinality.upper['2'],
          3: column.cardinality.upper['3'],
        },
        lower: {
          1: column.cardinality.lower['1'],
          2: column.cardinality.lower['2'],
          3: column.cardinality.lower['3'],
        },
      },
      frequentItems: column.frequentItems && { frequentStrings: column.frequentItems },
    });
  }
  return snapshot;
}

/** A small deterministic PRNG (mulberry32) so both sides see the same data. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
