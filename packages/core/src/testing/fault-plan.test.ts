import { describe, expect, it } from 'vitest';
import { decideFault, seededRandom } from './fault-plan';

describe('decideFault', () => {
  it('decides faults by rate, only on matching paths, reproducibly with a seed', () => {
    const plan = { errorRate: 0.3, rateLimitRate: 0.2, dropRate: 0.1, pathPattern: /file_stream/ };
    expect(decideFault(plan, '/graphql', () => 0)).toEqual({ kind: 'none' });
    const random = seededRandom(1);
    const kinds = Array.from({ length: 2000 }, () => decideFault(plan, '/files/x/file_stream', random).kind);
    const share = (kind: string) => kinds.filter((value) => value === kind).length / kinds.length;
    expect(share('error')).toBeCloseTo(0.3, 1);
    expect(share('rate-limit')).toBeCloseTo(0.2, 1);
    expect(share('drop')).toBeCloseTo(0.1, 1);
    const again = seededRandom(1);
    expect(Array.from({ length: 5 }, () => again())).toEqual(Array.from({ length: 5 }, seededRandom(1)));
  });

  it('draws the kinds in plan order from one roll, with their defaults', () => {
    const plan = {
      errorRate: 0.1,
      rateLimitRate: 0.1,
      dropRate: 0.1,
      slowRate: 0.1,
      redirectRate: 0.1,
      hugeBodyRate: 0.1,
    };
    const at = (roll: number, next = 0.9) => {
      const rolls = [roll, next];
      return decideFault(plan, '/x', () => rolls.shift() ?? 0);
    };
    expect(at(0.05)).toEqual({ kind: 'error' });
    expect(at(0.15)).toEqual({ kind: 'rate-limit', retryAfterSeconds: 1 });
    expect(at(0.25, 0.4)).toEqual({ kind: 'drop', afterApplying: true });
    expect(at(0.25, 0.6)).toEqual({ kind: 'drop', afterApplying: false });
    expect(at(0.35)).toEqual({ kind: 'slow', delayMs: 2000 });
    expect(at(0.45)).toEqual({ kind: 'redirect', status: 302 });
    expect(at(0.55)).toEqual({ kind: 'huge-body', bytes: 256 * 1024 * 1024 });
    expect(at(0.65)).toEqual({ kind: 'none' });
  });

  it('drops after applying at the planned share', () => {
    const random = seededRandom(5);
    const plan = { dropRate: 1, dropAfterApplyingShare: 0.8 };
    const after = Array.from({ length: 2000 }, () => decideFault(plan, '/x', random)).filter(
      (decision) => decision.kind === 'drop' && decision.afterApplying,
    ).length;
    expect(after / 2000).toBeCloseTo(0.8, 1);
  });
});
