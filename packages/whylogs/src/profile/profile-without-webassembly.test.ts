import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAlternatingBits } from '../sketches';
import { toHex } from '../test-support/bytes';

/** Records with a float column (NaN, −0, repeats) and integer columns of low to high cardinality. */
function records(count: number): Record<string, number>[] {
  let state = 2024;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 4294967296;
  };
  return Array.from({ length: count }, (_, index) => ({
    f: index % 101 === 0 ? Number.NaN : index % 103 === 0 ? -0 : Math.round(next() * 1e6) / 1e3 - 300,
    few: Math.floor(next() * 20),
    some: Math.floor(next() * 3000) - 1000,
    many: Math.floor(next() * 1e9) - 2 ** 35,
  }));
}

/** The serialized profile of `count` records, in two batches, from a freshly imported module. */
async function serializedProfile(count: number): Promise<string> {
  vi.resetModules();
  const { DatasetProfile } = await import('./dataset-profile');
  const profile = new DatasetProfile({ creationTimestamp: 1, randomBit: createAlternatingBits() });
  const rows = records(count);
  profile.track(rows.slice(0, count / 2));
  profile.track(rows.slice(count / 2));
  return toHex(profile.view().serialize());
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.resetModules();
});

// Tens of thousands of sketch updates per column, twice: slow on a loaded 2-core machine.
const SLOW_TEST_TIMEOUT = 120_000;

describe('profiling without WebAssembly', () => {
  it(
    'writes the same bytes as with the WebAssembly hash kernel',
    async () => {
      vi.resetModules();
      const { wasmHashKernel } = await import('../sketches/common/wasm-hash-kernel');
      expect(wasmHashKernel()).toBeDefined();
      const withKernel = await serializedProfile(40_000);

      vi.stubGlobal('WebAssembly', undefined);
      vi.resetModules();
      const fallback = await import('../sketches/common/wasm-hash-kernel');
      expect(fallback.wasmHashKernel()).toBeUndefined();
      const withoutKernel = await serializedProfile(40_000);

      expect(withKernel.length).toBeGreaterThan(1000);
      expect(withKernel).toBe(withoutKernel);
    },
    SLOW_TEST_TIMEOUT,
  );
});
