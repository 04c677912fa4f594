/** Environment for the Python SDK against a local server, with extras (stats, git, code) off. */
export function pythonWandbEnvironment(
  baseUrl: string | undefined,
  apiKey: string,
  home: string,
): Record<string, string> {
  return {
    HOME: home,
    WANDB_API_KEY: apiKey,
    ...(baseUrl === undefined ? {} : { WANDB_BASE_URL: baseUrl }),
    WANDB_DISABLE_GIT: 'true',
    WANDB_DISABLE_CODE: 'true',
    WANDB_CONSOLE: 'off',
    WANDB_X_DISABLE_STATS: 'true',
    WANDB_SILENT: 'true',
  };
}
