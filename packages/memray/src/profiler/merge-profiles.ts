import type { SamplingHeapProfile, SamplingHeapProfileNode } from '../capture/capture-format';

/**
 * One profile from two taken one after the other by two samplers (the adaptive interval restarts
 * V8's sampler at a coarser interval): call trees are merged by frame, `selfSize` adds up (V8 has
 * already scaled each one by its own interval, so the sum is the estimate for both periods), and
 * the second profile's samples are renumbered after the first's (node ids and ordinals). The
 * sidecar thread gets this function with `String()`, so it must stay self-contained.
 */
export function mergeSamplingProfiles(
  first: SamplingHeapProfile,
  second: SamplingHeapProfile,
): SamplingHeapProfile {
  const frameKey = (node: SamplingHeapProfileNode) => {
    const frame = node.callFrame;
    return `${frame.functionName}\u0000${frame.url}\u0000${frame.lineNumber}\u0000${frame.columnNumber}`;
  };
  let nextId = 1;
  const firstIds = new Map<number, number>();
  const secondIds = new Map<number, number>();
  const copy = (node: SamplingHeapProfileNode, ids: Map<number, number>): SamplingHeapProfileNode => {
    const id = nextId++;
    ids.set(node.id, id);
    return {
      callFrame: node.callFrame,
      selfSize: node.selfSize,
      id,
      children: node.children.map((child) => copy(child, ids)),
    };
  };
  const head = copy(first.head, firstIds);
  // Iterative, as profiles can be 128 frames deep and wide.
  const pending: [SamplingHeapProfileNode, SamplingHeapProfileNode][] = [[head, second.head]];
  while (pending.length > 0) {
    const [target, source] = pending.pop()!;
    secondIds.set(source.id, target.id);
    target.selfSize += source.selfSize;
    const byFrame = new Map(target.children.map((child) => [frameKey(child), child]));
    for (const child of source.children) {
      const match = byFrame.get(frameKey(child));
      if (match) pending.push([match, child]);
      else target.children.push(copy(child, secondIds));
    }
  }
  const lastOrdinal = first.samples.reduce((largest, sample) => Math.max(largest, sample.ordinal), 0);
  return {
    head,
    samples: [
      ...first.samples.map((sample) => ({ ...sample, nodeId: firstIds.get(sample.nodeId) ?? sample.nodeId })),
      ...second.samples.map((sample) => ({
        ...sample,
        nodeId: secondIds.get(sample.nodeId) ?? sample.nodeId,
        ordinal: sample.ordinal + lastOrdinal,
      })),
    ],
  };
}
