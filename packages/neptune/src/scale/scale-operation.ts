import type { TrackingStatus } from '@tasklens/core/plugin';

/** A config value neptune-scale accepts in `log_configs`. */
export type ScaleConfigValue = number | boolean | string | Date | readonly string[];

/** One operation of a Scale run, before it is encoded as a neptune-api protobuf `RunOperation`. */
export type ScaleOperation =
  | {
      kind: 'create';
      runId: string;
      experimentName: string | undefined;
      /** Unix milliseconds. */
      creationTime: number;
    }
  | {
      kind: 'update';
      /** Unix milliseconds. */
      timestamp: number;
      step: number | undefined;
      assign: Readonly<Record<string, ScaleConfigValue>>;
      append: Readonly<Record<string, number>>;
      addTags: Readonly<Record<string, readonly string[]>>;
      removeTags: Readonly<Record<string, readonly string[]>>;
      /** Attributes assigned a file (`assign_files`): each an upload request and its `file_ref` value. */
      files?: Readonly<Record<string, ScaleFileUpload>>;
    };

/** neptune-scale's `FileUploadRequest`: a file to upload, as its `file_upload_requests` table row. */
export interface ScaleFileUpload {
  /** Absolute path of the file to upload. */
  sourcePath: string;
  /** Where it is stored (`generate_destination`), also the `file_ref` path. */
  destination: string;
  mimeType: string;
  sizeBytes: number;
  /** A file the run wrote for bytes; removed once uploaded. */
  isTemporary: boolean;
}

/** How a Scale run ended up. */
export interface NeptuneScaleRunResult {
  outcome: 'delivered' | 'offline' | 'spilled' | 'lost' | 'disabled';
  deliveredOperations: number;
  storedOperations: number;
  /** Operations neither delivered nor stored (the database could not be written). */
  droppedOperations?: number | undefined;
  /** The delivery status of an online run (core's transport). */
  transport?: TrackingStatus | undefined;
  /** The `run_operations.sqlite3` holding what is on disk, if any. */
  databasePath: string | undefined;
  warnings: string[];
}

/** Where a Scale run's operations go, in order. */
export interface ScaleSink {
  write(operation: ScaleOperation): void;
  /** The run database on disk; undefined when nothing is stored (disabled). */
  readonly databasePath: string | undefined;
  /** Operations waiting in memory for delivery (or for the next commit offline). */
  readonly queuedEvents: number;
  /** True when an online run's handshake failed and it is kept offline for sync. */
  readonly keptOffline?: boolean;
  close(): Promise<NeptuneScaleRunResult>;
}
