import type { EncodedItem } from '../json/encoded-item';
import { Proto3Writer } from '../protobuf/proto3-writer';
import { encodeItemsRecord } from './encode-items-record';

/** Field numbers of `wandb_internal.Record`'s oneof (wandb/proto/wandb_internal.proto). */
export const recordField = {
  history: 2,
  summary: 3,
  output: 4,
  config: 5,
  files: 6,
  stats: 7,
  telemetry: 11,
  metric: 12,
  outputRaw: 13,
  run: 17,
  exit: 18,
  final: 20,
  header: 21,
  footer: 22,
  environment: 26,
} as const;

export interface RunRecordFields {
  runId: string;
  entity?: string | undefined;
  project?: string | undefined;
  displayName?: string | undefined;
  notes?: string | undefined;
  tags?: readonly string[] | undefined;
  host?: string | undefined;
  jobType?: string | undefined;
  group?: string | undefined;
  /** Unix seconds. */
  startTime: number;
  config?: readonly EncodedItem[] | undefined;
  startingStep?: number | undefined;
  resumed?: boolean | undefined;
}

type Body = (writer: Proto3Writer) => void;

function record(field: number, body: Body): Uint8Array {
  return new Proto3Writer().message(field, body).finish();
}

function timestamp(seconds: number): Body {
  const whole = Math.floor(seconds);
  return (writer) => writer.varint(1, whole).varint(2, Math.round((seconds - whole) * 1e9));
}

/** ConfigItem / SummaryItem / HistoryItem share the layout: key=1, nested_key=2, value_json=16. */
function writeItems(writer: Proto3Writer, field: number, entries: readonly EncodedItem[]): void {
  for (const [key, valueJson] of entries) {
    writer.message(field, (item) => item.string(1, key).string(16, valueJson));
  }
}

export function encodeHeaderRecord(producer: string): Uint8Array {
  return record(recordField.header, (header) =>
    header.message(1, (versionInfo) => versionInfo.string(1, producer).string(2, '0.40.0')),
  );
}

export function encodeRunRecord(fields: RunRecordFields): Uint8Array {
  return record(recordField.run, (run) => {
    run.string(1, fields.runId).string(2, fields.entity).string(3, fields.project);
    const config = fields.config;
    if (config !== undefined) run.message(4, (writer) => writeItems(writer, 1, config));
    run
      .string(6, fields.group)
      .string(7, fields.jobType)
      .string(8, fields.displayName)
      .string(9, fields.notes)
      .repeatedString(10, fields.tags ?? [])
      .string(13, fields.host)
      .varint(14, fields.startingStep ?? 0)
      .message(17, timestamp(fields.startTime))
      .varint(18, fields.resumed ?? false);
  });
}

export function encodeConfigRecord(update: readonly EncodedItem[]): Uint8Array {
  return record(recordField.config, (config) => writeItems(config, 1, update));
}

export function encodeSummaryRecord(update: readonly EncodedItem[]): Uint8Array {
  return encodeItemsRecord(recordField.summary, update);
}

/** A summary record removing `keys` (SummaryRecord.remove, the SDK's `del run.summary[key]`). */
export function encodeSummaryRemoveRecord(keys: readonly string[]): Uint8Array {
  return record(recordField.summary, (summary) => {
    for (const key of keys) summary.message(2, (item) => item.string(1, key));
  });
}

/** One history row; `_step`, `_runtime` and `_timestamp` must be among the items (sync reads only items). */
export function encodeHistoryRecord(row: readonly EncodedItem[], step: number): Uint8Array {
  return encodeItemsRecord(recordField.history, row, step);
}

/** The same history record through the general writer (reference for the fast path's tests). */
export function encodeHistoryRecordGeneric(row: readonly EncodedItem[], step: number): Uint8Array {
  return record(recordField.history, (history) => {
    writeItems(history, 1, row);
    history.message(2, (historyStep) => historyStep.varint(1, step));
  });
}

/** A console line (`OutputRawRecord`: output_type STDERR=0 / STDOUT=1, timestamp, line). */
export function encodeOutputRawRecord(stream: 'stdout' | 'stderr', time: number, line: string): Uint8Array {
  return record(recordField.outputRaw, (output) =>
    output
      .varint(1, stream === 'stdout' ? 1 : 0)
      .message(2, timestamp(time))
      .string(3, line),
  );
}

export function encodeExitRecord(exitCode: number, runtimeSeconds: number): Uint8Array {
  // exit_code is int32: negative values are sign-extended to 10 bytes, as protobuf does.
  return record(recordField.exit, (exit) => exit.varint(1, exitCode).varint(2, Math.floor(runtimeSeconds)));
}

/** When `wandb sync` (or the service) uploads a run file: `FilesItem.PolicyType`. */
export type FilePolicy = 'now' | 'end' | 'live';
const filePolicyNumber = { now: 0, end: 1, live: 2 } as const;

/** One run file to upload: its name under `files/`, its policy, and `wandb` for the SDK's own files (FileType WANDB). */
export interface FilesRecordItem {
  path: string;
  policy: FilePolicy;
  wandbFile?: boolean | undefined;
}

/** `FilesRecord{ files: FilesItem{path, policy, type} }`: what makes `wandb sync` upload a file from `files/`. */
export function encodeFilesRecord(files: readonly FilesRecordItem[]): Uint8Array {
  return record(recordField.files, (body) => {
    for (const file of files) {
      body.message(1, (item) =>
        item
          .string(1, file.path)
          .varint(2, filePolicyNumber[file.policy])
          .varint(3, file.wandbFile === true ? 1 : 0),
      );
    }
  });
}

/** The fields of `EnvironmentRecord` a Node program can fill (`wandb sync` turns them into wandb-metadata.json). */
export interface EnvironmentRecordFields {
  os: string;
  /** Unix seconds. */
  startedAt: number;
  args: readonly string[];
  program: string;
  root: string;
  host: string;
  executable: string;
  writerId: string;
}

export function encodeEnvironmentRecord(fields: EnvironmentRecordFields): Uint8Array {
  return record(recordField.environment, (environment) =>
    environment
      .string(1, fields.os)
      .message(3, timestamp(fields.startedAt))
      .repeatedString(5, fields.args)
      .string(6, fields.program)
      .string(11, fields.root)
      .string(12, fields.host)
      .string(14, fields.executable)
      .string(199, fields.writerId),
  );
}

export function encodeFinalRecord(): Uint8Array {
  return record(recordField.final, () => {});
}
