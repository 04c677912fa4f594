/**
 * How a task is running, as flytekit's `ExecutionState.Mode`:
 * - `local-task`: a task called directly on a developer machine (flytekit mode 3);
 * - `local-workflow`: a task called inside a local `workflow()` run (flytekit mode 2);
 * - `task-execution`: a real Flyte task execution in a pod (`tasklens execute`, flytekit mode 1).
 */
export type ExecutionMode = 'local-task' | 'local-workflow' | 'task-execution';

/** True for the local modes; plugins take their "remote" path (secrets, pod-derived ids) otherwise. */
export function isLocalExecution(mode: ExecutionMode): boolean {
  return mode !== 'task-execution';
}
