/** What the sync command needs of a run (structural, so `NeptuneRun` can use it without a cycle). */
export interface SyncableRun {
  readonly mode: string;
  readonly id: string;
  readonly project: string | undefined;
  readonly offlineDirectory: string | undefined;
}

/**
 * `neptune sync` for one run: `--path` is the directory holding `.neptune`; an offline run is
 * named by its uuid and needs the project, an online run's queue by `workspace/project/SHORT-ID`.
 */
export function legacySyncCommand(run: SyncableRun): string | undefined {
  const directory = run.offlineDirectory;
  if (directory === undefined) return undefined;
  // <path>/.neptune/<offline|async>/run__<uuid>__<pid>__<random>
  const path = directory.replace(/[\\/]\.neptune[\\/](offline|async)[\\/][^\\/]+$/, '');
  const project = run.project ?? '<workspace/project>';
  if (run.mode === 'offline') {
    return `neptune sync --path ${quoteShellArgument(path)} --project ${quoteShellArgument(project)} --object ${run.id}`;
  }
  return `neptune sync --path ${quoteShellArgument(path)} --object ${quoteShellArgument(`${project}/${run.id}`)}`;
}

/** Quotes a shell argument when it needs it (paths with spaces). */
export function quoteShellArgument(argument: string): string {
  return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replace(/'/g, `'\\''`)}'`;
}
