export interface ExecutionUrlParts {
  project: string;
  domain: string;
  executionName: string;
  uniqueNodeId: string;
}

/**
 * `FLYTE_EXECUTION_URL` as propeller builds it: the console URL with every trailing `/` removed,
 * then `/projects/<p>/domains/<d>/executions/<name>/nodeId/<unique node id>/nodes`.
 */
export function executionUrl(consoleUrl: string, parts: ExecutionUrlParts): string {
  const base = consoleUrl.replace(/\/+$/, '');
  return `${base}/projects/${parts.project}/domains/${parts.domain}/executions/${parts.executionName}/nodeId/${parts.uniqueNodeId}/nodes`;
}
