import { readFileSync } from 'node:fs';
import { TasklensError } from '@tasklens/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatasetProfile } from '../profile/dataset-profile';
import { DatasetProfileView } from '../profile/dataset-profile-view';
import { fixturePath } from '../test-support/read-fixture';
import { seededRandom } from '../test-support/seeded-random';

function seedProfiles(): Uint8Array[] {
  // Small but covering every sketch state: a compacted KLL (> 1024 values), an HLL in HLL mode
  // (> 384 distinct), HLL LIST/SET, and a frequent-items map with hundreds of entries.
  const richRows = Array.from({ length: 1100 }, (_, index) => ({
    int: index % 450,
    text: index % 3 === 0 ? null : `w${index % 40}`,
    flag: index % 3 === 0,
  }));
  return [
    new DatasetProfile({ creationTimestamp: 1700000000000 })
      .track([{ a: 4 }, { a: 2 }, { a: 3 }, { a: 5 }])
      .view()
      .serialize(),
    new Uint8Array(readFileSync(fixturePath('whylogs/my_profile_2022.bin'))),
    new DatasetProfile({ creationTimestamp: 1, metadata: { k: 'v' } }).track(richRows).view().serialize(),
    new DatasetProfile({ creationTimestamp: 2 }).track(richRows.slice(0, 40)).view().serialize(),
  ];
}

function mutate(source: Uint8Array, random: () => number): Uint8Array {
  const pick = (limit: number) => Math.floor(random() * limit);
  let bytes = source.slice();
  const edits = 1 + pick(4);
  for (let edit = 0; edit < edits; edit++) {
    const position = pick(bytes.length);
    switch (pick(6)) {
      case 0:
        bytes[position] = pick(256);
        break;
      case 1:
        bytes[position]! ^= 1 << pick(8);
        break;
      case 2:
        bytes = bytes.slice(0, position);
        break;
      case 3: {
        const grown = new Uint8Array(bytes.length + 1);
        grown.set(bytes.subarray(0, position));
        grown[position] = pick(256);
        grown.set(bytes.subarray(position), position + 1);
        bytes = grown;
        break;
      }
      case 4:
        bytes = new Uint8Array([...bytes.subarray(0, position), ...bytes.subarray(position + 1)]);
        break;
      default:
        // Varint-ish extremes where lengths and counts live.
        bytes[position] = [0x00, 0x7f, 0x80, 0xff][pick(4)]!;
    }
    if (bytes.length === 0) break;
  }
  return bytes;
}

// Every typed-array or ArrayBuffer allocation is checked against the input being decoded: a corrupt
// length must fail before it turns into a huge buffer. The budget allows a sketch's working buffers
// (a k = 65535 KLL, a 2^21-register HLL) but not sizes taken blindly from the bytes.
let currentInputSize = 0;
let largestAllocation = 0;
let overBudget: string | undefined;
const budget = () => 4 * 1024 * 1024 + 64 * currentInputSize;
const constructors = [
  'ArrayBuffer',
  'Uint8Array',
  'Uint16Array',
  'Uint32Array',
  'Int32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
] as const;
const originals = new Map<string, unknown>();

beforeAll(() => {
  for (const name of constructors) {
    const Original = globalThis[name] as unknown as {
      new (...args: unknown[]): object;
      BYTES_PER_ELEMENT?: number;
    };
    originals.set(name, Original);
    const elementSize = Original.BYTES_PER_ELEMENT ?? 1;
    const Guarded = class extends (Original as new (...args: unknown[]) => object) {
      constructor(...args: unknown[]) {
        if (typeof args[0] === 'number' && currentInputSize > 0) {
          const size = args[0] * elementSize;
          largestAllocation = Math.max(largestAllocation, size);
          if (size > budget()) overBudget ??= `${name}(${args[0]}) for a ${currentInputSize}-byte input`;
        }
        super(...args);
      }
    };
    Object.defineProperty(Guarded, 'name', { value: name });
    (globalThis as Record<string, unknown>)[name] = Guarded;
  }
});

afterAll(() => {
  for (const [name, original] of originals) (globalThis as Record<string, unknown>)[name] = original;
});

describe('fuzzing real profiles', () => {
  it('ends every one of 10,000 mutated copies in a typed error or a usable profile', {
    // CPU-bound (10,000 decodes): a generous bound, since the test machine may be shared.
    timeout: 600_000,
  }, () => {
    const seeds = seedProfiles();
    const random = seededRandom(0x5eed);
    const outcomes = { valid: 0, typedError: 0 };
    const untyped: string[] = [];
    let slowest = 0;
    for (let iteration = 0; iteration < 10_000; iteration++) {
      const input = mutate(seeds[iteration % seeds.length]!, random);
      const started = performance.now();
      currentInputSize = input.length;
      try {
        const view = DatasetProfileView.deserialize(input);
        // A profile that reads must also summarize and re-serialize.
        view.toSummary();
        view.serialize();
        outcomes.valid++;
      } catch (error) {
        if (TasklensError.isInstance(error)) outcomes.typedError++;
        else if (untyped.length < 5) untyped.push(`#${iteration}: ${String(error)}`);
        else untyped.push('');
      } finally {
        currentInputSize = 0;
      }
      slowest = Math.max(slowest, performance.now() - started);
    }
    expect(untyped.filter(Boolean)).toEqual([]);
    expect(untyped).toHaveLength(0);
    expect(overBudget).toBeUndefined();
    expect(outcomes.valid + outcomes.typedError).toBe(10_000);
    // Both outcomes must occur, or the mutations are not reaching the decoder.
    expect(outcomes.valid).toBeGreaterThan(100);
    expect(outcomes.typedError).toBeGreaterThan(1000);
    // A hang guard, not a benchmark: no single decode may take seconds.
    expect(slowest).toBeLessThan(2000);
  });
});
