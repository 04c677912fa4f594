import {
  oracleCommand,
  oracleEnvironment,
  oraclePython,
  oracleWorkingDirectory,
} from '../../../test-support/oracle-python';
import { type ProcessResult, runProcess } from '../../../test-support/run-process';

export type { ProcessResult };
export { oracleCommand, oracleEnvironment, oraclePython, oracleWorkingDirectory };

/** Runs a program asynchronously, by default in an empty directory with the oracle's environment. */
export function run(
  program: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): Promise<ProcessResult> {
  return runProcess(program, args, {
    cwd: options.cwd ?? oracleWorkingDirectory(),
    env: options.env ?? oracleEnvironment(),
    replaceEnvironment: true,
    timeoutMs: options.timeoutMs,
  });
}

/** Runs a Python script in the oracle venv and parses the JSON on its last stdout line. */
export async function runPythonJson<T>(script: string, env?: Record<string, string>): Promise<T> {
  const result = await run(oraclePython(), ['-c', script], { env: oracleEnvironment(env) });
  if (result.code !== 0)
    throw new Error(`python failed (${result.code}): ${result.stderr}\n${result.stdout}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as T;
}

/** The API key the interop tests give both the test server and the Python SDK. */
export const interopApiKey = 'cometinteropkey0123456789';

/** Environment pointing the Python SDK at the test server, with auto-logging off. */
export function pythonCometEnvironment(
  server: { clientlibUrl: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  return oracleEnvironment({
    COMET_URL_OVERRIDE: server.clientlibUrl,
    COMET_API_KEY: interopApiKey,
    COMET_WORKSPACE: 'interop-ws',
    COMET_PROJECT_NAME: 'interop-project',
    COMET_DISABLE_AUTO_LOGGING: '1',
    COMET_AUTO_LOG_ENV_DETAILS: '0',
    COMET_AUTO_LOG_GIT_METADATA: '0',
    COMET_AUTO_LOG_GIT_PATCH: '0',
    COMET_AUTO_LOG_CODE: '0',
    COMET_AUTO_LOG_DEPENDENCIES: '0',
    COMET_AUTO_LOG_CLI_ARGUMENTS: '0',
    COMET_DISPLAY_SUMMARY_LEVEL: '0',
    COMET_ERROR_TRACKING_ENABLE: '0',
    ...extra,
  });
}
