import { InvalidOptionError } from '@tasklens/core';
import { type DeclaredOptions, declareOption } from '@tasklens/core/plugin';
import { checkExperimentKey } from '../login/check-experiment-key';
import { flagOption, textOption } from './comet-option-declaration';

/**
 * The settings of `start()`, `login()` and the pass-through options of `cometMlLogin()`, each
 * declared once: its type, default, environment variable, `.comet.config` key and validation.
 * Order matters: a bad experiment key is reported before a missing API key.
 */
export const experimentSettingDeclarations = {
  /** Write an offline archive instead of talking to Comet; default `login()`, then COMET_OFFLINE (or COMET_MODE=offline, COMET_START_ONLINE=false), then `offline` in `.comet.config`, else false. */
  offline: flagOption({
    defaultValue: false,
    environmentVariable: 'COMET_OFFLINE',
    configKey: 'offline',
    fromLogin: true,
  }),
  /** Comet server, `https://host` or the SDK's `https://host/clientlib/` (checked online only); default `login()`, then COMET_URL_OVERRIDE, then `url_override` in `.comet.config`, else `https://www.comet.com`. */
  urlOverride: textOption({
    defaultValue: 'https://www.comet.com',
    environmentVariable: 'COMET_URL_OVERRIDE',
    configKey: 'url_override',
    fromLogin: true,
  }),
  /** Where offline archives go (relative to the cwd); default `login()`, then COMET_OFFLINE_DIRECTORY, then `offline_directory` in `.comet.config`, else `.cometml-runs`. */
  offlineDirectory: textOption({
    defaultValue: '.cometml-runs',
    environmentVariable: 'COMET_OFFLINE_DIRECTORY',
    configKey: 'offline_directory',
    fromLogin: true,
  }),
  /** Experiment key (ASCII letters and digits, 32–50); default `login()`, then COMET_EXPERIMENT_KEY, then `experiment_key` in `.comet.config`, else a random one. */
  experimentKey: textOption(
    {
      defaultValue: undefined,
      environmentVariable: 'COMET_EXPERIMENT_KEY',
      configKey: 'experiment_key',
      fromLogin: true,
    },
    checkExperimentKey,
  ),
  /** API key (required online); default `login({ apiKey })`, then COMET_API_KEY, then `api_key` in `~/.comet.config`. */
  apiKey: textOption({
    defaultValue: undefined,
    environmentVariable: 'COMET_API_KEY',
    configKey: 'api_key',
    fromLogin: true,
  }),
  /** Workspace; default `login()`, then COMET_WORKSPACE, then `workspace` in `.comet.config`, else the API key's default workspace. */
  workspace: textOption({
    defaultValue: undefined,
    environmentVariable: 'COMET_WORKSPACE',
    configKey: 'workspace',
    fromLogin: true,
  }),
  /** Project; default `login()`, then COMET_PROJECT_NAME, then `project_name` in `.comet.config`, else the workspace's default project. */
  projectName: textOption({
    defaultValue: undefined,
    environmentVariable: 'COMET_PROJECT_NAME',
    configKey: 'project_name',
    fromLogin: true,
  }),
  /** Capture console output (stdout/stderr) into the experiment; default `login()`, else false (opt-in, as in wandb); no env var. */
  autoOutputLogging: flagOption({ defaultValue: false, fromLogin: true }),
  /** Experiment display name (the `Name` other); default none; no env var. */
  experimentName: textOption({ defaultValue: undefined }),
  /** Tags added at start; default none; no env var. */
  tags: declareOption<readonly string[], undefined>({
    expected: 'a list of tags',
    defaultValue: undefined,
    validate(value, option) {
      if (!Array.isArray(value)) {
        throw new InvalidOptionError({
          option,
          message: `${option} must be a list of tags, got ${typeof value}`,
        });
      }
      return value;
    },
  }),
  /** Accepted for flytekit compatibility (`log_code=False`); tasklens never uploads source code; default false; no env var. */
  logCode: flagOption({ defaultValue: false }),
};

/** Options of `start()` and `login()`, and the pass-through options of `cometMlLogin()`. */
export type ExperimentSettingsInput = DeclaredOptions<typeof experimentSettingDeclarations>;
