// What both Comet benches give the Python comet_ml peer: the oracle venv's python and an
// environment pointing the SDK at the local test server with every auto-logger off, so the peer
// does the same work as our client (the interop tests' version is interop/python-comet-environment.ts).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The oracle venv's python (`bash scripts/setup-python-oracle.sh`); `TASKLENS_ORACLE_PYTHON` overrides it. */
export const python =
  process.env.TASKLENS_ORACLE_PYTHON ||
  join(fileURLToPath(new URL('../../../..', import.meta.url)), '.venv', 'oracle', 'bin', 'python');

/** The COMET_* settings both sides read: its own HOME and offline directory (`directory`), the test server, `apiKey`. */
export function cometServerEnvironment(server, apiKey, directory) {
  return {
    PATH: process.env.PATH,
    HOME: directory,
    COMET_URL_OVERRIDE: server.clientlibUrl,
    COMET_API_KEY: apiKey,
    COMET_OFFLINE_DIRECTORY: directory,
  };
}

/** Environment of one Python peer run: the shared settings plus every comet_ml auto-logger off. */
export function pythonCometEnvironment(server, apiKey, directory) {
  return {
    ...cometServerEnvironment(server, apiKey, directory),
    COMET_DISABLE_AUTO_LOGGING: '1',
    COMET_AUTO_LOG_ENV_DETAILS: '0',
    COMET_AUTO_LOG_GIT_METADATA: '0',
    COMET_AUTO_LOG_GIT_PATCH: '0',
    COMET_AUTO_LOG_CODE: '0',
    COMET_AUTO_LOG_DEPENDENCIES: '0',
    COMET_AUTO_LOG_CLI_ARGUMENTS: '0',
    COMET_ERROR_TRACKING_ENABLE: '0',
  };
}
