/**
 * `2 × byteCount` random hex characters for names that must not collide (temporary files, flytekit's
 * random local directories), not for secrets. `Math.random` (V8 seeds it per process from the OS)
 * instead of `node:crypto`: loading `node:crypto` costs a fresh process ~6 ms of CPU, a tenth of
 * `tasklens execute`'s cold start, where these names are made (issue #16).
 */
export function randomHex(byteCount: number): string {
  let hex = '';
  for (let index = 0; index < byteCount; index++)
    hex += Math.floor(Math.random() * 256)
      .toString(16)
      .padStart(2, '0');
  return hex;
}
