import { parseWandbJson } from '../json/parse-wandb-json';
import { ProtobufMessage } from '../protobuf/protobuf-reader';
import { type LevelDbLogDamage, readLevelDbLogUntilDamage } from './leveldb-log';
import { recordField } from './wandb-records';

/** A `.wandb` record, decoded into the parts tasklens understands. */
export type WandbRecord =
  | {
      type: 'run';
      runId: string;
      entity: string;
      project: string;
      displayName: string;
      notes: string;
      tags: string[];
      host: string;
      jobType: string;
      group: string;
      startTime: number;
      config: Record<string, unknown>;
    }
  | { type: 'history'; values: Record<string, unknown>; step: number }
  | { type: 'summary'; update: Record<string, unknown>; remove: string[] }
  | { type: 'config'; update: Record<string, unknown>; remove: string[] }
  | { type: 'output'; stream: 'stdout' | 'stderr'; time: number; line: string }
  | { type: 'exit'; exitCode: number; runtime: number }
  | { type: 'header'; producer: string }
  | { type: 'files'; files: { path: string; policy: 'now' | 'end' | 'live'; wandbFile: boolean }[] }
  | {
      type: 'environment';
      os: string;
      startedAt: number;
      args: string[];
      program: string;
      root: string;
      host: string;
      executable: string;
    }
  | { type: 'final' | 'footer' | 'other'; field: number };

/**
 * Decodes every record of a `.wandb` file (ours or the Python SDK's). A damaged file (cut off by
 * a kill, a bad checksum) yields every whole record before the damage, as `wandb sync` uploads
 * them; `readWandbFile` also says where reading stopped.
 */
export function decodeWandbFile(bytes: Uint8Array): WandbRecord[] {
  return readWandbFile(bytes).records;
}

/** The records of a `.wandb` file up to any damage, and where and why reading stopped (if it did). */
export function readWandbFile(bytes: Uint8Array): {
  records: WandbRecord[];
  damage: LevelDbLogDamage | undefined;
} {
  const { records, damage } = readLevelDbLogUntilDamage(bytes);
  return { records: records.map(decodeRecord), damage };
}

function itemPath(item: ProtobufMessage): string[] {
  const key = item.string(1);
  return key !== undefined ? [key] : item.strings(2);
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const part of path.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[path.at(-1) ?? ''] = value;
}

function itemsToObject(items: ProtobufMessage[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const item of items) setPath(result, itemPath(item), parseWandbJson(item.string(16) ?? 'null'));
  return result;
}

function seconds(timestamp: ProtobufMessage | undefined): number {
  if (timestamp === undefined) return 0;
  return timestamp.number(1) + timestamp.number(2) / 1e9;
}

const filePolicies = ['now', 'end', 'live'] as const;

function decodeRecord(bytes: Uint8Array): WandbRecord {
  const record = new ProtobufMessage(bytes);
  const field = record.fields.find(
    (entry) => entry.field >= 2 && entry.field <= 99 && entry.field !== 16 && entry.field !== 19,
  );
  const body = field === undefined ? undefined : record.message(field.field);
  if (field === undefined || body === undefined) return { type: 'other', field: field?.field ?? 0 };
  switch (field.field) {
    case recordField.run:
      return {
        type: 'run',
        runId: body.string(1) ?? '',
        entity: body.string(2) ?? '',
        project: body.string(3) ?? '',
        config: itemsToObject(body.message(4)?.messages(1) ?? []),
        group: body.string(6) ?? '',
        jobType: body.string(7) ?? '',
        displayName: body.string(8) ?? '',
        notes: body.string(9) ?? '',
        tags: body.strings(10),
        host: body.string(13) ?? '',
        startTime: seconds(body.message(17)),
      };
    case recordField.history:
      return {
        type: 'history',
        values: itemsToObject(body.messages(1)),
        step: body.message(2)?.number(1) ?? 0,
      };
    case recordField.summary:
    case recordField.config:
      return {
        type: field.field === recordField.summary ? 'summary' : 'config',
        update: itemsToObject(body.messages(1)),
        remove: body.messages(2).map((item) => itemPath(item).join('.')),
      };
    case recordField.output:
    case recordField.outputRaw:
      return {
        type: 'output',
        stream: body.number(1) === 1 ? 'stdout' : 'stderr',
        time: seconds(body.message(2)),
        line: body.string(3) ?? '',
      };
    case recordField.exit:
      return { type: 'exit', exitCode: body.number(1) | 0, runtime: body.number(2) };
    case recordField.files:
      return {
        type: 'files',
        files: body.messages(1).map((item) => ({
          path: item.string(1) ?? '',
          policy: filePolicies[item.number(2)] ?? 'now',
          wandbFile: item.number(3) === 1,
        })),
      };
    case recordField.environment:
      return {
        type: 'environment',
        os: body.string(1) ?? '',
        startedAt: seconds(body.message(3)),
        args: body.strings(5),
        program: body.string(6) ?? '',
        root: body.string(11) ?? '',
        host: body.string(12) ?? '',
        executable: body.string(14) ?? '',
      };
    case recordField.header:
      return { type: 'header', producer: body.message(1)?.string(1) ?? '' };
    case recordField.final:
      return { type: 'final', field: field.field };
    case recordField.footer:
      return { type: 'footer', field: field.field };
    default:
      return { type: 'other', field: field.field };
  }
}
