// Runs jobs through the real whylogs-sketching (Python oracle venv) for the sketch interop tests.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { oraclePython } from '../../../test-support/oracle-python';

export { oraclePython };

const here = dirname(fileURLToPath(import.meta.url));
const _repositoryRoot = join(here, '..', '..', '..');
const script = join(here, 'python', 'sketches_oracle.py');

/** Runs every job in one Python process; a job that raised comes back as { error }. */
export function runOracle<T = Record<string, any>>(jobs: object[]): T[] {
  const result = spawnSync(oraclePython(), [script], {
    input: JSON.stringify(jobs),
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`sketches_oracle.py failed (${result.status}): ${result.stderr}`);
  const results = JSON.parse(result.stdout) as Array<T & { error?: string }>;
  for (const [index, entry] of results.entries()) {
    if (entry.error) throw new Error(`oracle job ${index} failed: ${entry.error}`);
  }
  return results;
}

/** Python float repr → number ('nan', 'inf', '-inf' included). */
export function pythonFloat(text: string): number {
  if (text === 'nan') return Number.NaN;
  if (text === 'inf') return Number.POSITIVE_INFINITY;
  if (text === '-inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const unhex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));

/** JSON cannot carry NaN/±Infinity/-0: send them as the strings Python's float() accepts. */
export function jsonNumber(value: number): number | string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Number.POSITIVE_INFINITY) return 'inf';
  if (value === Number.NEGATIVE_INFINITY) return '-inf';
  if (Object.is(value, -0)) return '-0.0';
  return value;
}

/** Deterministic pseudo-random numbers (mulberry32) so datasets are reproducible. */
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
