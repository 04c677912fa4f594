import { Deck } from '../decks/deck';
import { escapeHtml } from '../html/escape-html';
import type { TrackerRun } from './tracker-run';

function formatValue(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(6);
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return (text ?? String(value)).slice(0, 200);
}

function where(run: TrackerRun): string {
  if (run.url !== undefined) {
    const url = /^https?:\/\//i.test(run.url) ? run.url : '#';
    return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(run.url)}</a>`;
  }
  const path = run.offlinePath === undefined ? '' : `<code>${escapeHtml(run.offlinePath)}</code>`;
  const sync =
    run.syncCommand === undefined ? '' : `<br>upload with <code>${escapeHtml(run.syncCommand)}</code>`;
  return `offline: ${path}${sync}`;
}

/**
 * The "Tracking" deck tab: each tracker run of the task with its link (or offline path and the
 * sync command) and the last value of each metric. Built when read, so it shows the final values.
 */
export class TrackingDeck extends Deck {
  private readonly runs: () => readonly TrackerRun[];

  constructor(runs: () => readonly TrackerRun[]) {
    super('Tracking', '', { autoAddToDeck: false });
    this.runs = runs;
  }

  override get html(): string {
    const sections = this.runs().map((run) => {
      const metrics = Object.entries(run.lastMetrics())
        .map(
          ([key, value]) => `<tr><td>${escapeHtml(key)}</td><td>${escapeHtml(formatValue(value))}</td></tr>`,
        )
        .join('');
      const table =
        metrics === ''
          ? '<p>No metrics logged.</p>'
          : `<table border="1" cellpadding="4" cellspacing="0" style="border-collapse: collapse;"><thead><tr><th>Metric</th><th>Last value</th></tr></thead><tbody>${metrics}</tbody></table>`;
      return `<section><h3>${escapeHtml(run.provider)} · ${escapeHtml(run.runId)}</h3><p>${where(run)}</p>${table}</section>`;
    });
    return sections.length === 0 ? '<p>No tracker runs.</p>' : sections.join('\n');
  }
}
