import { parseExecuteArguments, parseMapExecuteArguments } from '../entrypoint/execute-arguments';
import { type ExecutionOutcome, TaskExecutor } from '../entrypoint/task-executor';
import { flushAllOnExit } from '../tracking/exit-flush-registry';

/**
 * `tasklens execute …` / `tasklens map-execute …` (an ArrayNode subtask): one Flyte task attempt. SIGTERM/SIGINT first flush and finish the open
 * tracker runs, then record a recoverable system error and flush the deck before exiting, so a
 * preempted attempt is retried with its deck and its runs kept.
 */
export async function executeCommand(
  argv: readonly string[],
  mode: 'execute' | 'map-execute' = 'execute',
): Promise<ExecutionOutcome> {
  const parse = mode === 'map-execute' ? parseMapExecuteArguments : parseExecuteArguments;
  const executor = new TaskExecutor(parse(argv));
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
  // A throw in a timer or an unawaited rejection in task code becomes the task's error document.
  const onUncaught = (error: unknown, source: 'uncaughtException' | 'unhandledRejection') => {
    void executor.failUncaught(error, source).then((outcome) => process.exit(outcome.exitCode));
  };
  const onUncaughtException = (error: unknown) => onUncaught(error, 'uncaughtException');
  const onUnhandledRejection = (reason: unknown) => onUncaught(reason, 'unhandledRejection');
  process.on('uncaughtException', onUncaughtException);
  process.on('unhandledRejection', onUnhandledRejection);
  try {
    return await executor.run();
  } finally {
    if (!terminating) {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    }
    process.off('uncaughtException', onUncaughtException);
    process.off('unhandledRejection', onUnhandledRejection);
  }
}
