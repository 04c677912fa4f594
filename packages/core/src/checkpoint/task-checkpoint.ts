import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { currentContext } from '../context/current-context';
import type { ExecutionContext } from '../context/execution-context';
import { CheckpointError } from '../errors/checkpoint-error';
import { FileAccess } from '../storage/file-access';
import { joinUri } from '../storage/storage-adapter';

/**
 * flytekit's `SyncCheckpoint`: restore what the previous attempt saved (`--prev-checkpoint`) and
 * save this attempt's state (`--checkpoint-path`), so a retried or recovered task resumes.
 */
export class TaskCheckpoint {
  private restored: string | undefined;

  constructor(
    /** `--checkpoint-path`: where this attempt saves. */
    readonly destination: string,
    /** `--prev-checkpoint`: what the previous attempt saved; undefined when there is none. */
    readonly source: string | undefined,
    private readonly fileAccess: FileAccess,
  ) {}

  /** True when a previous attempt's checkpoint location was given. */
  previousExists(): boolean {
    return this.source !== undefined;
  }

  /** Downloads the previous checkpoint into a directory (default a fresh one); undefined when none. */
  async restore(directory?: string): Promise<string | undefined> {
    if (this.source === undefined) return undefined;
    if (this.restored !== undefined) return this.restored;
    const target = directory ?? join(this.fileAccess.randomLocalDirectory(), 'prev_cp');
    mkdirSync(target, { recursive: true });
    await this.fileAccess.downloadDirectory(this.source, target);
    this.restored = target;
    return target;
  }

  /** Saves a local file or directory (as flytekit: a file keeps its name), or raw bytes as `_dst_cp`. */
  async save(checkpoint: string | Uint8Array): Promise<void> {
    if (typeof checkpoint !== 'string') {
      await this.fileAccess.write(joinUri(this.destination, '_dst_cp'), checkpoint);
      return;
    }
    if (statSync(checkpoint).isDirectory())
      await this.fileAccess.uploadDirectory(checkpoint, this.destination);
    else await this.fileAccess.uploadFile(checkpoint, joinUri(this.destination, basename(checkpoint)));
  }

  /** The previous checkpoint's single file as bytes; undefined when there is none. */
  async read(): Promise<Uint8Array | undefined> {
    const directory = await this.restore();
    if (directory === undefined) return undefined;
    const files = readdirSync(directory);
    if (files.length === 0) return undefined;
    if (files.length > 1) {
      throw new CheckpointError({
        message: `Expected exactly one checkpoint - found ${files.length}`,
      });
    }
    return new Uint8Array(readFileSync(join(directory, files[0]!)));
  }

  /** Saves bytes as this attempt's checkpoint. */
  write(bytes: Uint8Array): Promise<void> {
    return this.save(bytes);
  }
}

/**
 * The running task's checkpoint. In a Flyte pod it uses `--checkpoint-path`/`--prev-checkpoint`;
 * a local run gets a fresh `<working directory>/__cp`, as flytekit's local task runs do.
 */
export function taskCheckpoint(context: ExecutionContext = currentContext()): TaskCheckpoint {
  const fileAccess = new FileAccess({
    rawOutputPrefix: context.rawOutputPrefix,
    localDirectory: context.workingDirectory,
    environment: context.environment,
  });
  if (context.checkpoint !== undefined) {
    return new TaskCheckpoint(context.checkpoint.path, context.checkpoint.previousPath, fileAccess);
  }
  if (context.isLocal)
    return new TaskCheckpoint(join(context.workingDirectory, '__cp'), undefined, fileAccess);
  throw new CheckpointError({
    message:
      'Checkpointing is not available, please check the version of the platform (no --checkpoint-path was given).',
  });
}
