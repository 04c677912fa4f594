import { randomBytes } from 'node:crypto';

/** A unique, readable run id when none is given: `run-<unix ms>-<5 random [a-z0-9]>`. */
export function generateRunId(now: number = Date.now()): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const suffix = Array.from(randomBytes(5), (byte) => alphabet[byte % alphabet.length]).join('');
  return `run-${now}-${suffix}`;
}
