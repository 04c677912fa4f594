/**
 * A fresh experiment key, 32 lowercase hex characters like the SDK's `uuid4().hex`: the start time
 * in ms (12 hex digits) then 80 random bits. Not `crypto.randomUUID()`: its first call in a
 * process initializes OpenSSL's generator (~0.3 ms, a fifth of a cold offline `start()`), and the
 * key is an identifier, not a secret. V8 seeds `Math.random` from the OS per process; the time
 * prefix keeps keys distinct even under a fixed `--random-seed`, unless two starts share a ms.
 */
// biome-ignore format: parenthesized, V8 compiles it at import (see startExperiment)
export const newExperimentKey = (function newExperimentKey(): string {
  const time = Date.now().toString(16).padStart(12, '0').slice(-12);
  let random = '';
  for (let part = 0; part < 4; part++) {
    random += Math.floor(Math.random() * 0x100000)
      .toString(16)
      .padStart(5, '0');
  }
  return time + random;
});
