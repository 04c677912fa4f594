import { appendFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { InvalidStateError } from '@tasklens/core';
import type { CometEvent } from '../experiment/comet-event';
import { artifactAssets, offlineMessage } from './offline-message';
import { writeZipArchive, type ZipEntry } from './zip-archive';

/** What `experiment.json` holds (the uploader's `offline-experiment` schema). */
export interface OfflineExperimentMetadata {
  offline_id: string;
  project_name: string | null;
  workspace: string | null;
  start_time: number;
  stop_time: number;
  tags: string[];
  resume_strategy: 'create' | 'get' | 'get_or_create';
  customer_error_reported: boolean;
  customer_error_message: string | null;
  user_provided_experiment_key: boolean;
  comet_start_sourced: boolean;
}

export interface OfflineArchiveWriterOptions {
  directory: string;
  experimentKey: string;
  workspace: string | null;
  projectName: string | null;
  userProvidedKey: boolean;
  /** The experiment's start (unix ms); default when the writer is made. */
  startTime?: number;
  /** How often the journal is flushed to disk, in ms; default 100. */
  journalFlushIntervalMs?: number;
  /** How often the zip is rewritten from the journal while events arrive, in ms (`start()`'s declared `checkpointIntervalMs`). */
  checkpointIntervalMs: number;
  /** Told once, at the first write that fails (full disk, volume gone); later failures only count. */
  onFailure?: (error: unknown) => void;
  /** Runs once before the journal is created (recovering older journals in the directory). */
  beforeOpen?: () => void;
  /** Runs once after the journal was created (registering the exit flush). */
  onOpen?: () => void;
}

/**
 * Writes `<directory>/<experiment key>.zip` crash-safely. Every event is appended to a journal
 * directory `<directory>/.<key>.journal/` (`messages.json` lines plus asset files, flushed every
 * 100 ms), and the zip is rebuilt from the journal at checkpoints (every second while events
 * arrive) and at `close()`, through a temporary file and a rename, so the zip on disk is always a
 * complete archive. After a crash, `recoverOfflineArchives()` turns the journal into the final
 * zip; the last checkpointed zip is usable even without that. Nothing touches the disk before
 * `open()`: the first `write()` schedules it right after the caller's turn (`openSoon()`), an asset
 * or a journal flush opens it at once, and `close()` opens it for an experiment that logged nothing.
 */
export class OfflineArchiveWriter {
  readonly zipPath: string;
  readonly journalDirectory: string;
  private readonly metadata: OfflineExperimentMetadata;
  private readonly messagesPath: string;
  private pending: string[] = [];
  private messagesSize = 0;
  private messagesCrc = 0;
  private messageId = 0;
  private assetCount = 0;
  private readonly assets: { name: string; size: number; crc: number }[] = [];
  private dirty = true;
  private opened = false;
  private openScheduled = false;
  private closed = false;
  private failure: unknown;
  private lost = 0;
  private accepted = 0;
  private flushTimer: NodeJS.Timeout | undefined;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private readonly options: OfflineArchiveWriterOptions;

  constructor(options: OfflineArchiveWriterOptions) {
    this.options = options;
    this.zipPath = join(options.directory, `${options.experimentKey}.zip`);
    this.journalDirectory = join(options.directory, `.${options.experimentKey}.journal`);
    this.messagesPath = join(this.journalDirectory, 'messages.json');
    const now = options.startTime ?? Date.now();
    this.metadata = {
      offline_id: options.experimentKey,
      project_name: options.projectName,
      workspace: options.workspace,
      start_time: now,
      stop_time: now,
      tags: [],
      // get_or_create lets `comet upload` append to an experiment the online client already created.
      resume_strategy: 'get_or_create',
      customer_error_reported: false,
      customer_error_message: null,
      user_provided_experiment_key: options.userProvidedKey,
      comet_start_sourced: true,
    };
  }

  /**
   * Creates the journal and writes the first zip right after the caller's turn. Keeps disk work
   * (and the process's first `setImmediate`, ~0.2 ms cold) off `start()`; events logged meanwhile
   * wait in memory, as they do between two journal flushes, and the first journal flush opens it
   * earlier when needed. Ref'd, so a script that logs and falls off the end still registers its
   * exit flush (`onOpen`) and finishes the archive at `beforeExit`.
   */
  openSoon(): void {
    if (this.openScheduled) return;
    this.openScheduled = true;
    setImmediate(() =>
      this.safely(() => {
        this.open();
        this.checkpoint();
      }),
    );
  }

  /**
   * Creates the journal (`beforeOpen` first, then the directories, an empty `messages.json` and
   * `experiment.json`). Idempotent; throws what the file system throws (the lazy callers record
   * it as the archive's failure).
   */
  open(): void {
    if (this.opened) return;
    this.options.beforeOpen?.();
    mkdirSync(this.journalDirectory, { recursive: true });
    writeFileSync(this.messagesPath, '');
    this.opened = true;
    this.writeMetadata();
    this.options.onOpen?.();
  }

  /** The first write error, once the archive location failed; later events are counted as lost. */
  get failed(): unknown {
    return this.failure;
  }

  /** Events accepted and not lost (on disk, or buffered for the next journal flush). */
  get writtenEvents(): number {
    return this.accepted - this.lost;
  }

  /** Journal lines held in memory until the next flush. */
  get bufferedEvents(): number {
    return this.pending.length;
  }

  /** Events that could not be written (after the location failed). */
  get lostEvents(): number {
    return this.lost;
  }

  /**
   * Appends events (buffered; on disk within `journalFlushIntervalMs`). Never throws: after the
   * location failed, events are only counted (`lostEvents`), so memory stays bounded.
   */
  write(events: readonly CometEvent[]): void {
    if (this.closed) return;
    for (const event of events) {
      this.accepted++;
      if (this.failure !== undefined) {
        this.lost++;
        if (event.kind === 'artifact') event.settle({ archived: false });
        continue;
      }
      try {
        this.append(event);
      } catch (error) {
        this.fail(error, 1);
      }
    }
    this.dirty = true;
    if (this.failure !== undefined) return;
    if (!this.opened) this.openSoon();
    this.scheduleTimers();
  }

  private append(event: CometEvent): void {
    if (event.kind === 'artifact') {
      // The archive format has no artifact message: its files become assets `comet upload` delivers.
      for (const asset of artifactAssets(event)) this.append(asset);
      event.settle({ archived: true });
      return;
    }
    if (event.kind === 'tags') {
      for (const tag of event.tags) if (!this.metadata.tags.includes(tag)) this.metadata.tags.push(tag);
      this.writeMetadata();
      return;
    }
    let filePath: string | undefined;
    if (event.kind === 'asset') {
      this.open();
      this.flushJournal();
      filePath = `asset${String(++this.assetCount).padStart(6, '0')}`;
      writeFileSync(join(this.journalDirectory, filePath), event.bytes);
      this.assets.push({ name: filePath, size: event.bytes.length, crc: crc32(event.bytes) });
    }
    const message = offlineMessage(event, ++this.messageId, filePath);
    if (message !== undefined) this.pending.push(`${JSON.stringify(message)}\n`);
    // Flushing by size too keeps the in-memory tail small for fast loggers.
    if (event.kind === 'asset' || this.pending.length >= 4096) this.flushJournal();
  }

  /** Marks the experiment failed (`customer_error_reported`), as the SDK does for a crash. */
  setError(message: string): void {
    this.metadata.customer_error_reported = true;
    this.metadata.customer_error_message = message;
    this.writeMetadata();
    this.dirty = true;
  }

  /** Flushes the journal to disk now; lines that cannot be written are counted as lost. */
  flushJournal(): void {
    if (this.pending.length === 0) return;
    if (this.failure !== undefined) {
      this.lost += this.pending.length;
      this.pending = [];
      return;
    }
    try {
      this.open();
    } catch (error) {
      this.fail(error, 0);
      return;
    }
    const text = Buffer.from(this.pending.join(''), 'utf8');
    const lines = this.pending.length;
    this.pending = [];
    try {
      appendFileSync(this.messagesPath, text);
    } catch (error) {
      this.fail(error, lines);
      return;
    }
    this.messagesSize += text.length;
    this.messagesCrc = crc32(text, this.messagesCrc);
  }

  /** Rebuilds the zip from the journal (atomically) if anything changed since the last one. */
  checkpoint(): void {
    if (this.failure === undefined) this.open();
    this.flushJournal();
    if (!this.dirty || this.failure !== undefined) return;
    this.metadata.stop_time = Math.max(this.metadata.stop_time, Date.now());
    const experimentJson = Buffer.from(JSON.stringify(this.metadata), 'utf8');
    const entries: ZipEntry[] = [
      ...this.assets.map((asset) => ({
        name: asset.name,
        path: join(this.journalDirectory, asset.name),
        size: asset.size,
        crc: asset.crc,
      })),
      { name: 'experiment.json', data: experimentJson },
      { name: 'messages.json', path: this.messagesPath, size: this.messagesSize, crc: this.messagesCrc },
    ];
    const temporary = `${this.zipPath}.tmp-${process.pid}`;
    writeZipArchive(temporary, entries);
    renameSync(temporary, this.zipPath);
    this.dirty = false;
  }

  /** Writes the final zip and removes the journal. Returns the zip path. */
  close(): string {
    if (this.closed) return this.zipPath;
    this.stopTimers();
    if (this.failure !== undefined) {
      // Nothing more can be written there; what the journal holds stays for recovery.
      this.flushJournal();
      this.closed = true;
      return this.zipPath;
    }
    this.metadata.stop_time = Date.now();
    this.writeMetadata();
    this.dirty = true;
    this.checkpoint();
    this.closed = true;
    rmSync(this.journalDirectory, { recursive: true, force: true });
    return this.zipPath;
  }

  private writeMetadata(): void {
    if (this.failure !== undefined) return;
    // The journal's copy lets recovery rebuild experiment.json after a crash (`open()` writes the first one).
    try {
      if (this.opened && !this.closed) {
        writeFileSync(join(this.journalDirectory, 'experiment.json'), JSON.stringify(this.metadata));
      }
    } catch (error) {
      this.fail(error, 0);
    }
  }

  private scheduleTimers(): void {
    if (this.flushTimer === undefined) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = undefined;
        this.safely(() => this.flushJournal());
      }, this.options.journalFlushIntervalMs ?? 100);
      this.flushTimer.unref();
    }
    if (this.checkpointTimer === undefined) {
      this.checkpointTimer = setTimeout(() => {
        this.checkpointTimer = undefined;
        this.safely(() => this.checkpoint());
      }, this.options.checkpointIntervalMs);
      this.checkpointTimer.unref();
    }
  }

  private stopTimers(): void {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer);
    if (this.checkpointTimer !== undefined) clearTimeout(this.checkpointTimer);
    this.flushTimer = undefined;
    this.checkpointTimer = undefined;
  }

  private safely(action: () => void): void {
    try {
      if (!this.closed) action();
    } catch (error) {
      this.fail(error, 0);
    }
  }

  /** Records the first failure (reported once) and counts `lines` lost. */
  private fail(error: unknown, lines: number): void {
    this.lost += lines;
    if (this.failure !== undefined) return;
    this.failure =
      error ?? new InvalidStateError({ subject: 'offlineArchive', message: 'unknown write failure' });
    // Lines still in memory can no longer reach the journal either.
    this.lost += this.pending.length;
    this.pending = [];
    this.stopTimers();
    this.options.onFailure?.(error);
  }
}
