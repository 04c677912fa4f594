import { createRequire } from 'node:module';

/** The allocation fixtures, loaded by Node's own loader (not the test transformer) to keep line numbers. */
export interface AllocationSites {
  retainedSink: unknown[];
  clearSinks(): void;
  allocateRetainedArrays(count?: number, length?: number): void;
  allocateRetainedStrings(count?: number, length?: number): void;
  allocateTemporaryArrays(count?: number, length?: number): number;
  allocateRetainedBuffers(count?: number, size?: number): void;
}

export const allocationSitesPath = createRequire(import.meta.url).resolve('./allocation-sites.cjs');
const sites = createRequire(import.meta.url)('./allocation-sites.cjs') as AllocationSites;

export const {
  clearSinks,
  allocateRetainedArrays,
  allocateRetainedStrings,
  allocateTemporaryArrays,
  allocateRetainedBuffers,
} = sites;
