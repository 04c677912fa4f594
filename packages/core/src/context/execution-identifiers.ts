/** `WorkflowExecutionIdentifier`: which execution this task belongs to. */
export interface ExecutionIdentifier {
  project: string;
  domain: string;
  name: string;
}

/** `Identifier` of the running task (resource type TASK). */
export interface TaskIdentifier {
  project: string;
  domain: string;
  name: string;
  version: string;
}

/** flytekit's `str(execution_id)`: `ex:<project>:<domain>:<name>`. */
export function formatExecutionIdentifier(identifier: ExecutionIdentifier): string {
  return `ex:${identifier.project}:${identifier.domain}:${identifier.name}`;
}

export const localExecutionIdentifier: Readonly<ExecutionIdentifier> = Object.freeze({
  project: 'local',
  domain: 'local',
  name: 'local',
});

export const localTaskIdentifier: Readonly<TaskIdentifier> = Object.freeze({
  project: 'local',
  domain: 'local',
  name: 'local',
  version: 'local',
});
