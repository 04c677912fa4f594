import { join, resolve } from 'node:path';

/** neptune-scale's path-component rule: troublesome characters → `_`, no `__`, at most 64 characters. */
export function sanitizePathComponent(component: string): string {
  return component
    .replace(/[<>:" /\\|?*\x00-\x1F]/g, '_')
    .replace(/_{2,}/g, '_')
    .slice(0, 64);
}

/**
 * Where a run's database lives, as neptune-scale names it:
 * `<log dir, default ./.neptune>/<project>_<run id>_<unix ns>/run_operations.sqlite3`.
 */
export function runDatabasePath(
  project: string,
  runId: string,
  logDirectory: string | undefined,
  createdAt: number = Date.now(),
): string {
  const nanoseconds = BigInt(createdAt) * 1_000_000n + BigInt(Math.floor(Math.random() * 1_000_000));
  const base = logDirectory === undefined ? join(process.cwd(), '.neptune') : resolve(logDirectory);
  return join(
    base,
    `${sanitizePathComponent(project)}_${sanitizePathComponent(runId)}_${nanoseconds}`,
    'run_operations.sqlite3',
  );
}

/**
 * `runDatabasePath` worked out when first asked (the database opens on the run's next turn), with
 * the time the run started in the name, as neptune-scale names it at `Run()`.
 */
// biome-ignore format: the parentheses are the compile hint (compiled at import, not in the first start)
export const lazyRunDatabasePath = (function lazyRunDatabasePath(
  project: string,
  runId: string,
  logDirectory: string | undefined,
): () => string {
  const createdAt = Date.now();
  let path: string | undefined;
  return () => {
    path ??= runDatabasePath(project, runId, logDirectory, createdAt);
    return path;
  };
});
