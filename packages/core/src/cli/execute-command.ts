import { parseExecuteArguments } from '../entrypoint/execute-arguments';
import { type ExecutionOutcome, TaskExecutor } from '../entrypoint/task-executor';
import { flushAllOnExit } from '../tracking/exit-flush-registry';

/**
 * `tasklens execute …`: one Flyte task attempt. SIGTERM/SIGINT first flush and finish the open
 * tracker runs, then record a recoverable system error and flush the deck before exiting, so a
 * preempted attempt is retried with its deck and its runs kept.
 */
export async function executeCommand(argv: readonly string[]): Promise<ExecutionOutcome> {
  const executor = new TaskExecutor(parseExecuteArguments(argv));
  let terminating = false;
  // `on`, not `once`: while this listener is attached, the trackers' exit hooks see that the
  // program handles the signal and do not re-raise it (which would kill the process before
  // error.pb and the deck are written). A second signal is ignored while terminating.
  const onSignal = (signal: 'SIGTERM' | 'SIGINT') => {
    if (terminating) return;
    terminating = true;
    void flushAllOnExit(signal)
      .then(() => executor.terminate(signal))
      .then((outcome) => process.exit(outcome.exitCode));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  try {
    return await executor.run();
  } finally {
    if (!terminating) {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    }
  }
}
