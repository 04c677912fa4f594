import { type Logger, redactSecrets, type TrackingTransport } from '@tasklens/core/plugin';
import type { WandbEvent } from '../events/wandb-event';
import type { RunJournal } from '../offline/run-journal';

/** Stands in for a record that would not be written anyway (only counted), to skip encoding it. */
const emptyRecord = new Uint8Array(0);

/**
 * Where a run's changes go: each is appended to the `.wandb` journal (encoded only when it can
 * still be written) and, online, queued for the service.
 */
export class RunRecorder {
  private readonly journal: RunJournal | undefined;
  private readonly transport: TrackingTransport<WandbEvent> | undefined;

  constructor(
    journal: RunJournal | undefined,
    transport: TrackingTransport<WandbEvent> | undefined,
    logger: Logger,
  ) {
    this.journal = journal;
    this.transport = transport;
    if (journal !== undefined) {
      journal.onFailure = (error) => {
        // One warning for the whole run; later records are only counted (`lostRecords`).
        logger.warn(
          `could not write the run's .wandb file (${redactSecrets(String(error))}); further records are counted, not written`,
        );
      };
    }
  }

  /** Appends a record to the journal; `record` is not called once the journal has failed. */
  append(record: () => Uint8Array): void {
    const journal = this.journal;
    if (journal === undefined) return;
    if (journal.failure !== undefined) {
      journal.append(emptyRecord);
      return;
    }
    journal.append(record());
  }

  /** Queues an event for the service (online runs only). */
  enqueue(event: WandbEvent): void {
    this.transport?.enqueue(event);
  }

  /** Both: the journal record and the service event for one change. */
  emit(event: WandbEvent, record: () => Uint8Array): void {
    this.append(record);
    this.transport?.enqueue(event);
  }
}
