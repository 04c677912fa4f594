import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedLengthUniqueId } from '../src/ids/fixed-length-unique-id';
import { seededRandom } from '../src/testing/fault-plan';
import { corePackage } from './fixtures/execute-harness';

const goBinary = join(corePackage, 'interop/go/bin/fixed-length-id');

// ASCII, 2-byte (é ü ß), 3-byte (✓ 日 本) and 4-byte (emoji) UTF-8 characters.
const characters = ['a', 'b', 'x', '0', '9', '-', '_', 'é', 'ü', 'ß', '✓', '日', '本', '😀', '🚀'];

function randomCases(count: number) {
  // Seeded (mulberry32), so a failure is reproducible.
  const random = seededRandom(14);
  const pick = (length: number) => Math.floor(random() * length);
  return Array.from({ length: count }, (_, index) => {
    const asciiOnly = index % 2 === 0;
    const parts = Array.from({ length: pick(6) }, () =>
      Array.from({ length: pick(14) }, () => characters[pick(asciiOnly ? 7 : characters.length)]).join(''),
    );
    return { parts, max: 1 + pick(60) };
  });
}

/** fixedLengthUniqueId against Go's FixedLengthUniqueIDForParts (flyteplugins v1.0.67). */
describe('fixedLengthUniqueId agrees with Flyte Go code', () => {
  it('on 1,000 random part lists, ASCII and non-ASCII', () => {
    if (!existsSync(goBinary)) {
      throw new Error(
        `${goBinary} is missing: run packages/core/interop/go/build.sh (npm run test:interop does)`,
      );
    }
    const cases = randomCases(1000);
    const go = JSON.parse(execFileSync(goBinary, { input: JSON.stringify(cases) }).toString('utf8')) as {
      id: string;
    }[];
    expect(go).toHaveLength(1000);
    const differing = cases
      .map((testCase, index) => ({
        ...testCase,
        go: go[index]!.id,
        ts: fixedLengthUniqueId(testCase.parts, testCase.max),
      }))
      .filter((entry) => entry.go !== entry.ts);
    expect(differing).toEqual([]);
    // The table exercises both branches, with non-ASCII parts on each.
    const hashed = cases.filter(
      (_, index) => go[index]!.id !== cases[index]!.parts.filter(Boolean).join('-'),
    );
    expect(hashed.length).toBeGreaterThan(100);
    expect(cases.length - hashed.length).toBeGreaterThan(100);
    expect(cases.some((testCase) => /[^\x00-\x7f]/.test(testCase.parts.join('')))).toBe(true);
  });
});
