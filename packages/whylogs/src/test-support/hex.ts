import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

export function fromHex(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
}

/** `../shared/fixtures/<relative>` resolved from the repository root. */
export function sharedFixture(relative: string): string {
  const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
  return join(repositoryRoot, '..', 'shared', 'fixtures', relative);
}

/** FNV-1a 64 of bytes, as hex (the spec's check values use it). */
export function fnv1a64(bytes: Uint8Array): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of bytes) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return hash.toString(16).padStart(16, '0');
}
