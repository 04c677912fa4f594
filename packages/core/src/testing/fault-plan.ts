/**
 * Faults a test server injects, each as a probability per request. The rates are drawn in the
 * order they are listed here, from one roll, so a plan that leaves a rate out draws the others
 * exactly as before (seeded fault sequences stay reproducible when a kind is added).
 */
export interface FaultPlan {
  /** Share of requests answered with HTTP 500; default 0. */
  errorRate?: number | undefined;
  /** Share answered with HTTP 429 and `Retry-After`; default 0. */
  rateLimitRate?: number | undefined;
  /** `Retry-After` seconds sent with a 429; default 1. */
  retryAfterSeconds?: number | undefined;
  /** Share of connections destroyed without an answer (before or after the request is applied); default 0. */
  dropRate?: number | undefined;
  /** Of the dropped connections, the share dropped after the request was applied (the client cannot know it landed); default 0.5. */
  dropAfterApplyingShare?: number | undefined;
  /** Share of requests answered only after `slowMs`; default 0. */
  slowRate?: number | undefined;
  /** Delay of a slow answer in ms; default 2000. */
  slowMs?: number | undefined;
  /** Share answered with a redirect to the same URL (the request is not applied); default 0. */
  redirectRate?: number | undefined;
  /** Status of an injected redirect; default 302. */
  redirectStatus?: number | undefined;
  /** Share answered with HTTP 500 and a body of `hugeBodyBytes`, streamed in chunks; default 0. */
  hugeBodyRate?: number | undefined;
  /** Size of an injected huge body; default 256 MiB. */
  hugeBodyBytes?: number | undefined;
  /** Only requests whose path matches get faults; default every route. */
  pathPattern?: RegExp | undefined;
}

/** The fault picked for one request. */
export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'error' }
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'drop'; afterApplying: boolean }
  | { kind: 'slow'; delayMs: number }
  | { kind: 'redirect'; status: number }
  | { kind: 'huge-body'; bytes: number };

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
  if (pick(plan.dropRate))
    return { kind: 'drop', afterApplying: random() < (plan.dropAfterApplyingShare ?? 0.5) };
  if (pick(plan.slowRate)) return { kind: 'slow', delayMs: plan.slowMs ?? 2000 };
  if (pick(plan.redirectRate)) return { kind: 'redirect', status: plan.redirectStatus ?? 302 };
  if (pick(plan.hugeBodyRate)) return { kind: 'huge-body', bytes: plan.hugeBodyBytes ?? 256 * 1024 * 1024 };
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
