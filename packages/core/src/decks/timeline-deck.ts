import { escapeHtml } from '../html/escape-html';
import { Deck } from './deck';

/** One timed part of a task, as flytekit's `TimeLineDeck.append_time_info` entries. */
export interface TimelineEntry {
  name: string;
  /** Wall-clock seconds. */
  wallTime: number;
  /** CPU seconds of this process (user + system). */
  processTime: number;
  start: Date;
  finish: Date;
}

const note = `
            <p><strong>Note:</strong></p>
            <ol>
                <li>if the time duration is too small(< 1ms), it may be difficult to see on the time line graph.</li>
                <li>For accurate execution time measurements, users should refer to wall time and process time.</li>
            </ol>
        `;

const header = `
        <thead>
            <tr>
                <th>Name</th>
                <th>Wall Time(s)</th>
                <th>Process Time(s)</th>
            </tr>
        </thead>
        `;

/**
 * The `Timeline` deck. Like flytekit's `TimeLineDeck`, its HTML is built when read, from every
 * entry recorded so far, and is empty while nothing was timed.
 */
export class TimelineDeck extends Deck {
  readonly entries: TimelineEntry[] = [];

  constructor() {
    super('Timeline', '', { autoAddToDeck: false });
  }

  /** Records one timed part of the task. */
  record(entry: TimelineEntry): void {
    this.entries.push(entry);
  }

  /** Times `fn` and records it under `name`, also when it throws. */
  async time<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
    const start = new Date();
    // `process.hrtime`, not `performance.now()`: the `performance` global loads perf_hooks, ~2 ms of
    // CPU in every `tasklens execute` start (issue #16).
    const wallStart = process.hrtime.bigint();
    const cpuStart = process.cpuUsage();
    try {
      return await fn();
    } finally {
      const cpu = process.cpuUsage(cpuStart);
      this.record({
        name,
        start,
        finish: new Date(),
        wallTime: Number(process.hrtime.bigint() - wallStart) / 1e9,
        processTime: (cpu.user + cpu.system) / 1e6,
      });
    }
  }

  override get html(): string {
    if (this.entries.length === 0) return '';
    const rows = this.entries.map(
      (entry) =>
        `<tr><td>${escapeHtml(entry.name)}</td><td>${entry.wallTime.toFixed(6)}</td><td>${entry.processTime.toFixed(6)}</td></tr>`,
    );
    return `<table border="1" cellpadding="5" cellspacing="0" style="border-collapse: collapse; width: 100%;">${header}<tbody>${rows.join('')}</tbody></table>${note}`;
  }
}
