/** Options of `start()` and the pass-through options of `cometMlLogin()`. */
export interface ExperimentSettingsInput {
  /** API key; default `login({ apiKey })`, then `COMET_API_KEY`, then `api_key` in `~/.comet.config`. */
  apiKey?: string | undefined;
  /** Workspace; default `COMET_WORKSPACE`, else the API key's default workspace. */
  workspace?: string | undefined;
  /** Project; default `COMET_PROJECT_NAME`, else the workspace's default project. */
  projectName?: string | undefined;
  /** Experiment key (ASCII letters and digits, 32–50); default `COMET_EXPERIMENT_KEY`, else a random one. */
  experimentKey?: string | undefined;
  /** Experiment display name (the `Name` other); default none. */
  experimentName?: string | undefined;
  /** Tags added at start; default none. */
  tags?: readonly string[] | undefined;
  /** Write an offline archive instead of talking to Comet; default `COMET_OFFLINE` / `COMET_MODE=offline`, else false. */
  offline?: boolean | undefined;
  /** Where offline archives go; default `COMET_OFFLINE_DIRECTORY`, else `.cometml-runs` in the cwd. */
  offlineDirectory?: string | undefined;
  /** Comet server, `https://host` or the SDK's `https://host/clientlib/`; default `COMET_URL_OVERRIDE`, else `https://www.comet.com`. */
  urlOverride?: string | undefined;
  /** Capture console output (stdout/stderr) into the experiment; default false (opt-in, as in wandb). */
  autoOutputLogging?: boolean | undefined;
  /** Accepted for flytekit compatibility (`log_code=False`); tasklens never uploads source code. Default false. */
  logCode?: boolean | undefined;
}
