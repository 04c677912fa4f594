import { TerminatedError } from '@tasklens/core';
import { createLogger, redactSecrets, registerExitFlush } from '@tasklens/core/plugin';
import type { CometEvent } from '../experiment/comet-event';
import type { ExperimentSink, SinkResult } from '../experiment/experiment-sink';
import { OfflineArchiveWriter, type OfflineArchiveWriterOptions } from './offline-archive-writer';

const logger = createLogger('tasklens:comet');

/** Sends every event straight to the offline archive (offline mode). */
export class OfflineSink implements ExperimentSink {
  readonly offline = true;
  /** An offline experiment has no page until `comet upload`. */
  readonly url = undefined;
  readonly ready = Promise.resolve();
  private readonly options: OfflineArchiveWriterOptions;
  private readonly startTime = Date.now();
  private archiveWriter: OfflineArchiveWriter | undefined;
  private readonly warnings: string[] = [];
  private ending: Promise<SinkResult> | undefined;
  private unregisterExit: (() => void) | undefined;
  /** Set before `end()` closes the writer, whose late `open()` must not register the exit flush again. */
  private endStarted = false;

  constructor(options: OfflineArchiveWriterOptions) {
    // The writer is made on first use (the first event, the archive path, or `end()`), so that
    // `start()` pays only for this object; the experiment's start time is taken now.
    this.options = options;
  }

  private get writer(): OfflineArchiveWriter {
    this.archiveWriter ??= new OfflineArchiveWriter({
      startTime: this.startTime,
      ...this.options,
      onFailure: (error) =>
        this.warn(
          `could not write the offline archive ${this.writer.zipPath}: ${String(error)}; events from now on are lost (counted in the result)`,
        ),
      // Registered with the journal (after the turn of the first log call, off the start path):
      // until then the events are only in memory, where a signal would lose them with or without it.
      onOpen: () => this.registerExit(),
    });
    return this.archiveWriter;
  }

  private registerExit(): void {
    if (this.unregisterExit !== undefined || this.endStarted) return;
    // An experiment left open still becomes a complete archive when the process ends.
    this.unregisterExit = registerExitFlush(async (reason) => {
      await this.end(
        reason === 'beforeExit'
          ? undefined
          : new TerminatedError({ signal: reason, message: `the process received ${reason}` }),
      );
    });
  }

  get archivePath(): string {
    return this.writer.zipPath;
  }

  get queuedEvents(): number {
    return this.writer.bufferedEvents;
  }

  enqueue(event: CometEvent): void {
    this.writer.write([event]);
  }

  async flush(): Promise<void> {
    try {
      this.writer.checkpoint();
    } catch (error) {
      this.warn(`could not write the offline archive: ${String(error)}`);
    }
  }

  end(error: unknown): Promise<SinkResult> {
    this.ending ??= this.endOnce(error);
    return this.ending;
  }

  private async endOnce(error: unknown): Promise<SinkResult> {
    this.endStarted = true;
    this.unregisterExit?.();
    try {
      if (error !== undefined) this.writer.setError(redactSecrets(errorMessage(error)));
      this.writer.close();
      logger.info(`offline experiment saved; upload it with: comet upload ${this.writer.zipPath}`);
    } catch (failure) {
      this.warn(`could not finish the offline archive: ${String(failure)}`);
    }
    const lostEvents = this.writer.lostEvents;
    return {
      outcome: lostEvents > 0 ? 'lost' : 'offline',
      deliveredEvents: 0,
      archivedEvents: this.writer.writtenEvents,
      lostEvents,
      archivePath: this.writer.zipPath,
      warnings: this.warnings,
    };
  }

  warn(message: string): void {
    const safe = redactSecrets(message);
    this.warnings.push(safe);
    logger.warn(safe);
  }
}

/** The message Comet shows for a failed experiment: `Name: message`. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
