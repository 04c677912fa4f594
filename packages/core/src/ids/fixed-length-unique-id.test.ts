import { describe, expect, it } from 'vitest';
import { fixedLengthUniqueId, nestedNodeId, podName } from './fixed-length-unique-id';

describe('fixedLengthUniqueId (flyteplugins Go test vectors)', () => {
  it.each([
    [['xx'], 1, 'flfryc2i'],
    [['xxxxxx'], 5, 'fufiti6i'],
    [['x'.repeat(24)], 20, 'fuaa3aji'],
    [['x', 'y'], 1, 'fz2jizji'],
    [['x', 'y', 'z'], 4, 'fxzsoqrq'],
    [['x', 'y', 'z', 'm', 'n', 'y', 'z', 'm', 'n', 'y', 'z', 'm', 'n'], 15, 'fe63sz6y'],
    [['x', 'y', 'z'], 10, 'x-y-z'],
    [['', '', 'n0'], 20, 'n0'],
    [['ff59abade1e7f4758baf', 'n0', '0'], 50, 'ff59abade1e7f4758baf-n0-0'],
    [['n0-0-dn12-0-n3-0-n4-0-n5'], 20, 'f5hyaqfa'],
  ])('maps %j with max %i to %s', (parts, max, expected) => {
    expect(fixedLengthUniqueId(parts, max)).toBe(expected);
  });

  it('counts UTF-8 bytes against the limit, as Go does (30 bytes of é is 15 UTF-16 units)', () => {
    expect(fixedLengthUniqueId(['é'.repeat(15)], 20)).toMatch(/^f[a-z1-6]{7}$/);
    expect(fixedLengthUniqueId(['é'.repeat(10)], 20)).toBe('é'.repeat(10));
    expect(fixedLengthUniqueId(['ü', '✓'], 6)).toBe('ü-✓');
    expect(fixedLengthUniqueId(['ü', '✓'], 5)).toMatch(/^f[a-z1-6]{7}$/);
  });

  it('names pods from execution, node and attempt', () => {
    expect(podName('ff59abade1e7f4758baf', 'n0', 0)).toBe('ff59abade1e7f4758baf-n0-0');
    expect(podName('a'.repeat(45), 'n0-0-n1', 2)).toMatch(/^f[a-z1-6]{7}$/);
  });

  it('builds nested node ids with a 20 character limit', () => {
    expect(nestedNodeId('n0', 0, 'n1')).toBe('n0-0-n1');
    expect(nestedNodeId('n0-0-dn12-0-n3', 0, 'n4-0-n5')).toHaveLength(8);
  });
});
