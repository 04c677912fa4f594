import { oracleEnvironment } from '../../../test-support/oracle-python';

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
