import type { SamplingHeapProfile, SamplingHeapProfileNode, TemporalCapture } from './capture-format';

/**
 * Adds one snapshot (a live-objects profile) to a temporal capture: new nodes join the node
 * table and the live samples are kept as nodeId, size, ordinal. The sidecar thread gets it with
 * `String()`, so it must stay self-contained.
 */
export function appendTemporalSnapshot(
  temporal: TemporalCapture,
  profile: SamplingHeapProfile,
  time: number,
): void {
  const known = new Set(temporal.nodes.map((node) => node[0]));
  const stack: [SamplingHeapProfileNode, number][] = [[profile.head, -1]];
  while (stack.length > 0) {
    const [node, parentId] = stack.pop()!;
    if (!known.has(node.id)) {
      const frame = node.callFrame;
      temporal.nodes.push([
        node.id,
        parentId,
        frame.functionName,
        frame.url,
        frame.lineNumber,
        frame.columnNumber,
        frame.scriptId,
      ]);
      known.add(node.id);
    }
    for (const child of node.children) stack.push([child, node.id]);
  }
  const samples: number[] = [];
  for (const sample of profile.samples) samples.push(sample.nodeId, sample.size, sample.ordinal);
  temporal.snapshots.push({ time, samples });
}
