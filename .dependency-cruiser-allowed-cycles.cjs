/**
 * Import cycles that lint tolerates for now, each owned by the engineer breaking it. Everything else
 * that forms a cycle (runtime or type-only) fails `npm run lint`. When you break a cycle, delete its
 * entry here; never add one for new code. Paths are relative to the repository root.
 */
module.exports = [
  {
    owner: 'fidelity (type engine)',
    cycle: [
      'packages/core/src/type-engine/builtin-transformers.ts',
      'packages/core/src/type-engine/type-engine.ts',
    ],
  },
  {
    owner: 'fidelity (type engine)',
    cycle: [
      'packages/core/src/type-engine/literal-transformer.ts',
      'packages/core/src/types/type-descriptor.ts',
    ],
  },
  {
    owner: 'whylogs (sketches layout)',
    cycle: [
      'packages/whylogs/src/sketches/kll-doubles-sketch.ts',
      'packages/whylogs/src/sketches/kll-serialization.ts',
    ],
  },
  {
    owner: 'whylogs (sketches layout)',
    cycle: [
      'packages/whylogs/src/sketches/kll-doubles-sketch.ts',
      'packages/whylogs/src/sketches/kll-pmf.ts',
    ],
  },
  {
    owner: 'whylogs (sketches layout)',
    cycle: [
      'packages/whylogs/src/sketches/kll-doubles-sketch.ts',
      'packages/whylogs/src/sketches/kll-merge.ts',
    ],
  },
  {
    owner: 'whylogs (sketches layout)',
    cycle: ['packages/whylogs/src/sketches/hll-sketch.ts', 'packages/whylogs/src/sketches/hll-union.ts'],
  },
  {
    owner: 'whylogs (sketches layout)',
    cycle: [
      'packages/whylogs/src/sketches/coupon-list.ts',
      'packages/whylogs/src/sketches/hll-array-factory.ts',
    ],
  },
];
