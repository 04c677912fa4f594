import { oraclePython } from '../../../test-support/oracle-python';
import { runProcess } from '../../../test-support/run-process';
import { pythonClientEnvironment } from './python-client-environment';

/** Environment for the real neptune-scale 0.30 client against `ScaleTestServer` (project `tasklens/scale`). */
export function scalePythonEnvironment(
  token: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return pythonClientEnvironment(token, 'tasklens/scale', extra);
}

/** `neptune-scale sync <databasePath>` with the real client (its own CLI entry point), run in `directory`. */
export function syncWithNeptuneScale(databasePath: string, directory: string, token: string) {
  const sync = 'from neptune_scale.cli.commands import main; main()';
  return runProcess(oraclePython(), ['-c', sync, 'sync', databasePath], {
    cwd: directory,
    env: scalePythonEnvironment(token),
  });
}
