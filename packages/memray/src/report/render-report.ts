import { randomBytes } from 'node:crypto';
import { escapeHtml } from '@tasklens/core';
import type { MemrayCapture } from '../capture/capture-format';
import type { ReporterName, ReportSettings } from '../options/reporter-settings';
import { humanBytes } from './human-bytes';
import { memrayReportClient } from './report-client';
import { buildReportModel } from './report-data';
import { reportStyles } from './report-styles';
import { selectTemporalRange } from './select-temporal-range';
import { topAllocatorsOf } from './top-allocators';

/** JSON that is safe inside `<script>`: no `<`, `>` or `&` can end the element or open a comment. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface RenderReportOptions {
  /** Points of the memory chart (memray's --max-memory-records; the flag wins). */
  maxMemoryRecords?: number;
  /** Root element id; random by default so several reports can share one page. */
  scope?: string;
}

const legend: [string, string, string][] = [
  ['Resident size (RSS)', '#7b3fd0', ''],
  ['JS heap used', '#1f77b4', ''],
  ['JS heap total', '#8fbbe0', ''],
  ['external', '#e07b00', ''],
  ['arrayBuffers', '#d62728', ''],
];

/**
 * Renders a capture as an HTML fragment for a deck: one root element with scoped CSS, the data as
 * escaped JSON and an inline script. It needs no network and draws when it becomes visible.
 */
export function renderReport(
  capture: MemrayCapture,
  reporter: ReporterName,
  settings: ReportSettings,
  options: RenderReportOptions = {},
): string {
  const scope = options.scope ?? `tlm-${randomBytes(6).toString('hex')}`;
  const model = buildReportModel(capture, reporter, settings, options.maxMemoryRecords ?? 10_000);
  const notes = model.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('');
  // Keyed so a `--temporal` range can update the values that follow it.
  const statKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const stats = model.stats
    .map(
      ([name, value]) =>
        `<dt>${escapeHtml(name)}</dt><dd data-stat="${statKey(name)}">${escapeHtml(value)}</dd>`,
    )
    .join('');
  const top = model.topAllocators
    .map(
      (entry) =>
        `<li><strong>${escapeHtml(humanBytes(entry.bytes))}</strong> ${escapeHtml(entry.name)}${
          entry.location ? ` <span class="tlm-kinds">${escapeHtml(entry.location)}</span>` : ''
        }</li>`,
    )
    .join('');
  const legendHtml = legend
    .map(([name, colour]) => `<span style="--tlm-swatch:${colour}">${escapeHtml(name)}</span>`)
    .join('');
  const flamegraph = `
<div class="tlm-bar">
  <span class="tlm-title">Flamegraph</span>
  <input type="search" data-role="search" placeholder="Search functions or files" aria-label="Search functions or files">
  <span class="tlm-match" data-role="match" aria-live="polite"></span>
  <label><input type="checkbox" data-role="inverted"> Inverted</label>
  <label><input type="checkbox" data-role="flame-orientation"> Root at bottom</label>
  <label><input type="checkbox" data-role="hide-internal"> Hide Node internals &amp; VM frames</label>
  <label><input type="checkbox" data-role="hide-modules"> Hide node_modules</label>
  <button type="button" data-role="reset">Reset zoom</button>
</div>
<div class="tlm-kinds">Click a frame to zoom, Esc or Reset to zoom out. Colours: green your code, blue node_modules, grey Node internals, yellow V8 builtins, purple threads, red off-heap memory, pale orange &quot;via …&quot;: memory allocated inside Node internals or V8 builtins that the frame above called (folded while they are hidden, never counted as the caller&#x27;s own). Frames are functions (V8 samples per function, not per line).</div>
<div class="tlm-flame" data-role="flame"><canvas></canvas><div class="tlm-tip" data-role="tooltip"></div></div>`;
  const tableColumns = [
    ...(settings.splitThreads ? [['thread', 'Thread']] : []),
    ['self', 'Size'],
    ['total', 'Total (inclusive)'],
    ['samples', 'Samples'],
    ['kind', 'Kind'],
    ['label', 'Location'],
  ];
  const tableHtml = `
<div class="tlm-bar">
  <span class="tlm-title">Allocation sites</span>
  <input type="search" data-role="table-search" placeholder="Filter rows" aria-label="Filter rows">
  <label><input type="checkbox" data-role="hide-internal"> Hide Node internals &amp; VM frames</label>
</div>
<table class="tlm-table" data-role="table"><thead><tr>${tableColumns
    .map(([key, name]) => `<th data-key="${key}" scope="col">${name}</th>`)
    .join('')}</tr></thead><tbody></tbody></table>
<button type="button" class="tlm-more" data-role="more" style="display:none">Show more</button>`;
  return `<div class="tlm" id="${scope}" tabindex="-1" data-reporter="${reporter}">
<style>${reportStyles(scope)}</style>
<div class="tlm-bar"><span class="tlm-title">${escapeHtml(model.data.title)}</span><span>${escapeHtml(
    capture.metadata.functionName,
  )}</span></div>
${notes === '' ? '' : `<ul class="tlm-notes" data-role="notes">${notes}</ul>`}
<div class="tlm-grid">
  <div><h3>Memory over time</h3>${
    model.data.temporal
      ? `<div class="tlm-temporal"><span data-role="temporal-status" aria-live="polite">Drag across the chart, or type a range, to pick a time range; showing the whole run.</span>
<label>From <input type="number" data-role="range-from" min="0" step="0.001" inputmode="decimal"> s</label>
<label>to <input type="number" data-role="range-to" min="0" step="0.001" inputmode="decimal"> s</label>
<button type="button" data-role="temporal-reset">Whole run</button></div>`
      : ''
  }<div class="tlm-chart" data-role="chart"></div><div class="tlm-legend">${legendHtml}</div></div>
  <div><h3>Summary</h3><dl class="tlm-stats" data-role="stats">${stats}</dl>
  <h3>Top allocators</h3><ol class="tlm-top" data-role="top">${top || '<li>No sampled allocations.</li>'}</ol></div>
</div>
${reporter === 'flamegraph' ? flamegraph : tableHtml}
<script type="application/json" data-role="data">${scriptSafeJson(model.data)}</script>
<script>(function () {
var root = document.getElementById(${JSON.stringify(scope)});
var data = JSON.parse(root.querySelector('script[data-role="data"]').textContent);
(${String(memrayReportClient)})(root, data, ${
    model.data.temporal
      ? `${String(selectTemporalRange)}, ${String(topAllocatorsOf)}`
      : 'undefined, undefined'
  });
})();</script>
</div>`;
}

/** A complete HTML page around a report, for the CLI (decks take the fragment). */
export function reportDocument(fragment: string, title: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>body { margin: 16px; }</style></head>
<body>
${fragment}
</body></html>
`;
}
