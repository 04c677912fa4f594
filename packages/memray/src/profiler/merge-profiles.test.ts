import { describe, expect, test } from 'vitest';
import type { SamplingHeapProfile, SamplingHeapProfileNode } from '../capture/capture-format';
import { mergeSamplingProfiles } from './merge-profiles';

const node = (
  id: number,
  functionName: string,
  selfSize: number,
  children: SamplingHeapProfileNode[] = [],
): SamplingHeapProfileNode => ({
  callFrame: { functionName, scriptId: '1', url: 'file:///task.js', lineNumber: 1, columnNumber: 0 },
  selfSize,
  id,
  children,
});

describe('merging the profiles of two samplers', () => {
  test('frames on the same path add their (already scaled) bytes; the rest are kept; samples are renumbered', () => {
    const first: SamplingHeapProfile = {
      head: node(1, '(root)', 0, [node(2, 'load', 64_000, [node(3, 'parse', 128_000)])]),
      samples: [
        { size: 100, nodeId: 2, ordinal: 1 },
        { size: 100, nodeId: 3, ordinal: 7 },
      ],
    };
    // The second sampler numbers its nodes and ordinals from 1 again.
    const second: SamplingHeapProfile = {
      head: node(1, '(root)', 0, [node(2, 'load', 1_000_000, [node(3, 'render', 2_000_000)])]),
      samples: [
        { size: 100, nodeId: 2, ordinal: 1 },
        { size: 100, nodeId: 3, ordinal: 2 },
      ],
    };
    const merged = mergeSamplingProfiles(first, second);
    const load = merged.head.children[0]!;
    expect(merged.head.children).toHaveLength(1);
    expect(load.selfSize).toBe(1_064_000);
    expect(load.children.map((child) => [child.callFrame.functionName, child.selfSize])).toEqual([
      ['parse', 128_000],
      ['render', 2_000_000],
    ]);
    const ids = new Set<number>();
    const walk = (current: SamplingHeapProfileNode): void => {
      ids.add(current.id);
      current.children.forEach(walk);
    };
    walk(merged.head);
    expect(ids.size).toBe(4);
    const render = load.children[1]!;
    expect(merged.samples).toEqual([
      { size: 100, nodeId: load.id, ordinal: 1 },
      { size: 100, nodeId: load.children[0]!.id, ordinal: 7 },
      { size: 100, nodeId: load.id, ordinal: 8 },
      { size: 100, nodeId: render.id, ordinal: 9 },
    ]);
    // The inputs are left as they were.
    expect(first.head.children[0]!.selfSize).toBe(64_000);
    expect(second.head.children[0]!.children[0]!.id).toBe(3);
  });

  test('frames that differ in line or column are different sites', () => {
    const first: SamplingHeapProfile = { head: node(1, '(root)', 0, [node(2, 'f', 10)]), samples: [] };
    const other = node(2, 'f', 20);
    other.callFrame = { ...other.callFrame, lineNumber: 9 };
    const merged = mergeSamplingProfiles(first, { head: node(1, '(root)', 0, [other]), samples: [] });
    expect(merged.head.children.map((child) => child.selfSize)).toEqual([10, 20]);
  });
});
