import type { ExecutionContext } from '../context/execution-context';

/** Attribute a local workflow puts on its context so the tasks it calls get node ids. */
export const workflowRunAttribute = 'tasklens.workflowRun';

export interface WorkflowRun {
  nextNode: number;
}

/** The next node id (`n0`, `n1`, …) when `context` is a local workflow's, else undefined. */
export function nextWorkflowNodeId(context: ExecutionContext): string | undefined {
  if (context.mode !== 'local-workflow' || !context.hasAttribute(workflowRunAttribute)) return undefined;
  const run = context.getAttribute<WorkflowRun>(workflowRunAttribute);
  return `n${run.nextNode++}`;
}
