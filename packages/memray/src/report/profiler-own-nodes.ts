import type { SamplingHeapProfile, SamplingHeapProfileNode } from '../capture/capture-format';
import { frameKind } from './frame-kind';

/**
 * Nodes that are the profiler's own work and no part of the task: a tasklens frame (the decorator's
 * start and stop, the memory probe) whose subtree reaches no user or package frame. Their bytes
 * are left out of the view, so the profiler's stop code never shows up as the root's own memory.
 * Tasklens frames that lead to user code (the decorator calling the task) stay, folded as before.
 */
export function profilerOwnNodes(profile: SamplingHeapProfile): Set<number> {
  const order: SamplingHeapProfileNode[] = [];
  const stack = [...profile.head.children];
  while (stack.length > 0) {
    const node = stack.pop()!;
    order.push(node);
    stack.push(...node.children);
  }
  // Children come after their parent in `order`, so walking it backwards sees every child first.
  const reachesTask = new Map<number, boolean>();
  const own = new Set<number>();
  for (let index = order.length - 1; index >= 0; index--) {
    const node = order[index]!;
    const kind = frameKind(node.callFrame);
    const below = node.children.some((child) => reachesTask.get(child.id));
    reachesTask.set(node.id, below || kind === 'user' || kind === 'node_modules');
    if (kind === 'profiler' && !below) own.add(node.id);
  }
  return own;
}
