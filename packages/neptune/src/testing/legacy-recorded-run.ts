/** A series point as the server stores it. */
export interface RecordedPoint {
  value: unknown;
  step: number | null;
  timestampMilliseconds: number;
}

/** A run on the legacy test server and its attributes after every applied operation. */
export interface LegacyRecordedRun {
  id: string;
  shortId: string;
  project: string;
  customId: string | undefined;
  /** Every operation the server applied (API form), in order. */
  operations: Record<string, unknown>[];
  /** Single-value attributes by path. */
  values: Map<string, unknown>;
  series: Map<string, RecordedPoint[]>;
  stringSets: Map<string, Set<string>>;
  /** File attributes (`run["x"].upload(...)`): extension and content. */
  files?: Map<string, { ext: string; content: Buffer }>;
  /** File sets (`run["x"].upload_files(...)`): content by path inside the set. */
  fileSets?: Map<string, Map<string, Buffer>>;
  pings: number;
}

type Body = Record<string, unknown>;

/**
 * Applies one `executeOperations` element; returns an error description when the server rejects
 * it (like Neptune, a series point whose step is not above the last one is refused, which is
 * also what makes a retried batch harmless).
 */
export function applyOperation(run: LegacyRecordedRun, operation: Body): string | undefined {
  const path = operation.path;
  if (typeof path !== 'string' || path === '') return 'operation without a path';
  const [name, body] = Object.entries(operation).find(([key]) => key !== 'path') ?? [];
  const payload = (body ?? {}) as Body;
  switch (name) {
    case 'assignFloat':
    case 'assignInt':
    case 'assignBool':
    case 'assignString':
      run.values.set(path, payload.value);
      break;
    case 'assignDatetime':
      run.values.set(path, new Date(Number(payload.valueMilliseconds)));
      break;
    case 'logFloats':
    case 'logStrings': {
      const points = run.series.get(path) ?? [];
      for (const entry of (payload.entries ?? []) as RecordedPoint[]) {
        const last = points.at(-1);
        if (entry.step !== null && last !== undefined && last.step !== null && entry.step <= last.step) {
          return `${path}: step ${entry.step} is not greater than the last step ${last.step}`;
        }
        points.push({
          value: entry.value,
          step: entry.step,
          timestampMilliseconds: entry.timestampMilliseconds,
        });
      }
      run.series.set(path, points);
      break;
    }
    case 'insertStrings':
    case 'removeStrings': {
      const set = run.stringSets.get(path) ?? new Set<string>();
      for (const value of (payload.values ?? []) as string[]) {
        if (name === 'insertStrings') set.add(value);
        else set.delete(value);
      }
      run.stringSets.set(path, set);
      break;
    }
    case 'clearStringSet':
      run.stringSets.set(path, new Set());
      break;
    case 'clearFloatSeries':
    case 'clearStringSeries':
      run.series.set(path, []);
      break;
    case 'deleteAttribute':
      run.values.delete(path);
      run.series.delete(path);
      run.stringSets.delete(path);
      run.files?.delete(path);
      run.fileSets?.delete(path);
      break;
    default:
      return `unsupported operation ${String(name)}`;
  }
  run.operations.push(operation);
  return undefined;
}
