import { InvalidOptionError } from '@tasklens/core';
/** One point of a series as the 1.x client stores it offline (`ts` in unix seconds). */
export interface SeriesPoint<Value> {
  value: Value;
  step: number | null;
  ts: number;
}

/**
 * A metadata operation in the 1.x client's offline (`data-N.log`) shape: the class name in `type`
 * and the attribute path as segments. This is also our in-memory model; the REST body is derived.
 */
export type LegacyOperation =
  | { type: 'AssignFloat'; path: string[]; value: number }
  | { type: 'AssignInt'; path: string[]; value: number }
  | { type: 'AssignBool'; path: string[]; value: boolean }
  | { type: 'AssignString'; path: string[]; value: string }
  /** `value` in unix milliseconds. */
  | { type: 'AssignDatetime'; path: string[]; value: number }
  | { type: 'LogFloats'; path: string[]; values: SeriesPoint<number>[] }
  | { type: 'LogStrings'; path: string[]; values: SeriesPoint<string>[] }
  | { type: 'AddStrings'; path: string[]; values: string[] }
  | { type: 'RemoveStrings'; path: string[]; values: string[] }
  | { type: 'ClearStringSet'; path: string[] }
  | { type: 'ClearFloatLog'; path: string[] }
  | { type: 'ClearStringLog'; path: string[] }
  | { type: 'DeleteAttribute'; path: string[] }
  /**
   * A file atom (`run[path].upload(...)`): a file on disk (`file_path`, absolute) or content saved
   * in the run directory's `upload_path/` (`tmp_file_name`). Sent with the upload calls, not
   * `executeOperations`.
   */
  | {
      type: 'UploadFile';
      path: string[];
      ext: string;
      file_path: string | null;
      tmp_file_name: string | null;
      clean_after_upload: boolean;
    }
  /**
   * A file set (`run[path].upload_files(globs)`, `reset: "False"`; assigning a set, `"True"`):
   * absolute globs, expanded when the operation is sent. Sent with the upload calls.
   */
  | { type: 'UploadFileSet'; path: string[]; file_globs: string[]; reset: 'True' | 'False' };

export type LegacyOperationType = LegacyOperation['type'];

/** The `executeOperations` element of one operation: `{path: "a/b", <apiName>: <body>}`. */
export function operationToApi(operation: LegacyOperation): Record<string, unknown> {
  const path = operation.path.join('/');
  switch (operation.type) {
    case 'AssignFloat':
      return { path, assignFloat: { value: operation.value } };
    case 'AssignInt':
      return { path, assignInt: { value: operation.value } };
    case 'AssignBool':
      return { path, assignBool: { value: operation.value } };
    case 'AssignString':
      return { path, assignString: { value: operation.value } };
    case 'AssignDatetime':
      return { path, assignDatetime: { valueMilliseconds: Math.trunc(operation.value) } };
    case 'LogFloats':
      return { path, logFloats: { entries: operation.values.map(toApiEntry) } };
    case 'LogStrings':
      return { path, logStrings: { entries: operation.values.map(toApiEntry) } };
    case 'AddStrings':
      return { path, insertStrings: { values: operation.values } };
    case 'RemoveStrings':
      return { path, removeStrings: { values: operation.values } };
    case 'ClearStringSet':
      return { path, clearStringSet: {} };
    case 'ClearFloatLog':
      return { path, clearFloatSeries: {} };
    case 'ClearStringLog':
      return { path, clearStringSeries: {} };
    case 'DeleteAttribute':
      return { path, deleteAttribute: {} };
    case 'UploadFile':
    case 'UploadFileSet':
      throw new InvalidOptionError({
        option: path,
        message: `${path}: file uploads are sent with the upload calls, not executeOperations`,
      });
  }
}

function toApiEntry<Value>(point: SeriesPoint<Value>): Record<string, unknown> {
  return { value: point.value, step: point.step, timestampMilliseconds: Math.trunc(point.ts * 1000) };
}

/** Splits `a/b/c` into segments as the client does (empty segments are not allowed). */
export function parseAttributePath(path: string): string[] {
  const segments = path.split('/');
  if (path === '' || segments.some((segment) => segment === '')) {
    throw new InvalidOptionError({
      option: path,
      message: `invalid attribute path "${path}": segments must be non-empty`,
    });
  }
  return segments;
}
