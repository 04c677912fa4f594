import { parseWandbJson } from '../json/parse-wandb-json';

/** What the test server knows about one run, rebuilt from the requests it accepted. */
export interface RecordedRun {
  entity: string;
  project: string;
  /** The run id (`name` in UpsertBucket). */
  name: string;
  storageId: string;
  /** Variables of every UpsertBucket for this run, in arrival order. */
  upserts: Record<string, unknown>[];
  /** Logical file_stream files, line by line, as placed by their offsets. */
  files: Map<string, string[]>;
  /** Lines that were re-sent at an existing offset with different content (should stay empty except output.log). */
  conflicts: { file: string; offset: number; previous: string; next: string }[];
  /** The latest `wandb-summary.json` content, parsed. */
  summary: Record<string, unknown> | undefined;
  complete: boolean;
  exitCode: number | undefined;
  uploadedFiles: Map<string, Buffer>;
  /** Number of file_stream requests accepted. */
  fileStreamRequests: number;
}

export function newRecordedRun(
  entity: string,
  project: string,
  name: string,
  storageId: string,
): RecordedRun {
  return {
    entity,
    project,
    name,
    storageId,
    upserts: [],
    files: new Map(),
    conflicts: [],
    summary: undefined,
    complete: false,
    exitCode: undefined,
    uploadedFiles: new Map(),
    fileStreamRequests: 0,
  };
}

/** The history rows of a run, parsed (NaN/Infinity tokens accepted as W&B does). */
export function historyRows(run: RecordedRun): Record<string, unknown>[] {
  return (run.files.get('wandb-history.jsonl') ?? []).map(
    (line) => parseWandbJson(line) as Record<string, unknown>,
  );
}
