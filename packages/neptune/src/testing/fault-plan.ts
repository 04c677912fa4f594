/** Faults a test server injects, each as a probability per request. */
export interface FaultPlan {
  /** Share of requests answered with HTTP 500; default 0. */
  errorRate?: number;
  /** Share answered with HTTP 429 and `Retry-After`; default 0. */
  rateLimitRate?: number;
  /** `Retry-After` seconds sent with a 429; default 1. */
  retryAfterSeconds?: number;
  /** Share of connections destroyed without an answer (half before, half after the request is applied); default 0. */
  dropRate?: number;
  /** Share of requests answered only after `slowMs`; default 0. */
  slowRate?: number;
  /** Delay of a slow answer in ms; default 2000. */
  slowMs?: number;
  /** Only requests whose path matches get faults; default every route. */
  pathPattern?: RegExp;
}

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'error' }
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'drop'; afterApplying: boolean }
  | { kind: 'slow'; delayMs: number };

/** Picks the fault for one request; `random` is injectable so tests are reproducible. */
export function decideFault(plan: FaultPlan, path: string, random: () => number): FaultDecision {
  if (plan.pathPattern !== undefined && !plan.pathPattern.test(path)) return { kind: 'none' };
  let roll = random();
  const pick = (rate: number | undefined) => {
    const share = rate ?? 0;
    if (roll < share) return true;
    roll -= share;
    return false;
  };
  if (pick(plan.errorRate)) return { kind: 'error' };
  if (pick(plan.rateLimitRate)) return { kind: 'rate-limit', retryAfterSeconds: plan.retryAfterSeconds ?? 1 };
  if (pick(plan.dropRate)) return { kind: 'drop', afterApplying: random() < 0.5 };
  if (pick(plan.slowRate)) return { kind: 'slow', delayMs: plan.slowMs ?? 2000 };
  return { kind: 'none' };
}

/** A small seeded PRNG (mulberry32) for reproducible fault sequences. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
