import { parseExecuteArguments } from '../entrypoint/execute-arguments';
import { type ExecutionOutcome, TaskExecutor } from '../entrypoint/task-executor';

/**
 * `tasklens execute …`: one Flyte task attempt. SIGTERM/SIGINT record a recoverable system error
 * and flush the deck before exiting, so a preempted attempt is retried with its deck kept.
 */
export async function executeCommand(argv: readonly string[]): Promise<ExecutionOutcome> {
  const executor = new TaskExecutor(parseExecuteArguments(argv));
  const onSignal = (signal: NodeJS.Signals) => {
    void executor.terminate(signal).then((outcome) => process.exit(outcome.exitCode));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
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
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    process.off('uncaughtException', onUncaughtException);
    process.off('unhandledRejection', onUnhandledRejection);
  }
}
