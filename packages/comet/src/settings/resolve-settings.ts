import { isAbsolute, join } from 'node:path';
import { InvalidOptionError } from '@tasklens/core';
import { registerSecretValue } from '@tasklens/core/plugin';
import { checkExperimentKey } from '../login/check-experiment-key';
import type { ExperimentSettingsInput } from './experiment-settings-input';
import { loginSession } from './login-session';
import { readCometConfig } from './read-comet-config';
import { serverUrls } from './server-urls';

export interface ExperimentSettings {
  apiKey: string | undefined;
  workspace: string | undefined;
  projectName: string | undefined;
  experimentKey: string | undefined;
  offline: boolean;
  offlineDirectory: string;
  /** REST root, e.g. `https://www.comet.com` (no trailing slash); offline, parsed only when read. */
  rootUrl: string;
  /** The SDK's clientlib base, `<root>/clientlib/`. */
  clientlibUrl: string;
  autoOutputLogging: boolean;
}

const truthy = /^(1|true|yes|on)$/i;

/**
 * Settings the way the Python SDK reads them: explicit options, then `login()`, then `COMET_*`
 * environment variables, then `.comet.config`. Online without an API key is an `InvalidOptionError`
 * naming `apiKey`; a key Comet would refuse is one naming `experimentKey`.
 */
export function resolveSettings(
  input: ExperimentSettingsInput,
  environment: Readonly<Record<string, string | undefined>> = process.env,
): ExperimentSettings {
  const session = loginSession();
  const file = readCometConfig(environment);
  const pick = (option: keyof ExperimentSettingsInput, variable: string, fileKey: string) => {
    const value = input[option] ?? session[option] ?? (environment[variable] || undefined) ?? file[fileKey];
    return value === undefined || value === '' ? undefined : value;
  };
  const offlineText = pick('offline', 'COMET_OFFLINE', 'offline');
  let offline = typeof offlineText === 'boolean' ? offlineText : truthy.test(String(offlineText ?? ''));
  if (input.offline === undefined && session.offline === undefined) {
    if (/^offline$/i.test(environment.COMET_MODE ?? '')) offline = true;
    if (/^(0|false|no|off)$/i.test(environment.COMET_START_ONLINE ?? '')) offline = true;
  }
  const urlText = String(
    pick('urlOverride', 'COMET_URL_OVERRIDE', 'url_override') ?? 'https://www.comet.com',
  );
  // Parsed (and checked) only online: an offline experiment never contacts the server, and the
  // first URL parse of a process costs ~0.2 ms, an eighth of a cold offline start().
  let urls: { rootUrl: string; clientlibUrl: string } | undefined;
  const parsedUrls = () => {
    urls ??= serverUrls(urlText);
    return urls;
  };
  if (!offline) parsedUrls();
  const directory = String(
    pick('offlineDirectory', 'COMET_OFFLINE_DIRECTORY', 'offline_directory') ?? '.cometml-runs',
  );
  const experimentKey = pick('experimentKey', 'COMET_EXPERIMENT_KEY', 'experiment_key') as string | undefined;
  if (experimentKey !== undefined) checkExperimentKey(experimentKey);
  const apiKey = pick('apiKey', 'COMET_API_KEY', 'api_key') as string | undefined;
  if (apiKey !== undefined) registerSecretValue(apiKey);
  if (!offline && apiKey === undefined) {
    throw new InvalidOptionError({
      option: 'apiKey',
      message:
        'apiKey: no Comet API key: pass apiKey, call login({ apiKey }), set COMET_API_KEY or api_key in ~/.comet.config, or run offline (COMET_OFFLINE=true)',
    });
  }
  return {
    apiKey,
    workspace: pick('workspace', 'COMET_WORKSPACE', 'workspace') as string | undefined,
    projectName: pick('projectName', 'COMET_PROJECT_NAME', 'project_name') as string | undefined,
    experimentKey,
    offline,
    offlineDirectory: isAbsolute(directory) ? directory : join(process.cwd(), directory),
    get rootUrl() {
      return parsedUrls().rootUrl;
    },
    get clientlibUrl() {
      return parsedUrls().clientlibUrl;
    },
    autoOutputLogging: Boolean(input.autoOutputLogging ?? session.autoOutputLogging ?? false),
  };
}
