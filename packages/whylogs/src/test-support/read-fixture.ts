// Golden files for the unit tests, read from this package's own `src/__fixtures__/` (see its README for
// where each file came from) so the repository stands alone.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of `src/__fixtures__/<relative>`. */
export function fixturePath(relative: string): string {
  return fileURLToPath(new URL(`../__fixtures__/${relative}`, import.meta.url));
}

/** The bytes of `src/__fixtures__/<relative>`. */
export function readFixture(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(fixturePath(relative)));
}
