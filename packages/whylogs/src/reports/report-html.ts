// Shared pieces of the self-contained report pages: escaping, number formatting, the page shell
// (inline CSS, a CSP that forbids every network fetch) and flytekit's iframe wrapper.
import { escapeHtml } from '@tasklens/core';

/** Escapes any value for HTML text or attribute context. */
export function text(value: unknown): string {
  return escapeHtml(String(value));
}

/** A number for display: 4 significant digits, integers in full, NaN/None as an em dash. */
export function formatNumber(value: number | bigint | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'bigint') return value.toString();
  if (Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toString();
  if (value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e6)) return value.toExponential(3);
  return Number(value.toPrecision(4)).toString();
}

const STYLE = `
:root{color-scheme:light;--ink:#1d2433;--muted:#5b6478;--line:#e3e7ef;--card:#fff;--bg:#f5f7fb;--accent:#3b6fd8;
--ok:#1f8a4c;--ok-bg:#e3f5ea;--warn:#a86400;--warn-bg:#fff1d6;--bad:#b42318;--bad-bg:#fde7e5;--none:#6b7280;--none-bg:#eef0f3}
*{box-sizing:border-box}body{margin:0;padding:20px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:var(--ink);background:var(--bg)}h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:0 0 8px;word-break:break-all}
.subtitle{color:var(--muted);margin:0 0 16px}.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(340px,100%),1fr));gap:14px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px;min-width:0}
.totals{display:flex;gap:10px;flex-wrap:wrap;margin:0 0 16px}.total{background:var(--card);border:1px solid var(--line);
border-radius:8px;padding:8px 12px}.total b{display:block;font-size:18px}table{border-collapse:collapse;width:100%}
td,th{padding:4px 6px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}th{color:var(--muted);font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}.tag{display:inline-block;border-radius:999px;padding:1px 9px;
font-size:12px;font-weight:600}.tag.ok{color:var(--ok);background:var(--ok-bg)}.tag.warn{color:var(--warn);background:var(--warn-bg)}
.tag.bad{color:var(--bad);background:var(--bad-bg)}.tag.none{color:var(--none);background:var(--none-bg)}
svg{display:block;width:100%;height:auto;margin-top:8px}.chart-title{color:var(--muted);font-size:12px;margin-top:10px}
details summary{cursor:pointer;color:var(--muted)}pre{white-space:pre-wrap;word-break:break-all;font-size:12px;margin:6px 0 0}
@media (max-width:480px){body{padding:10px}.card{padding:10px}td,th{padding:3px 4px}}
`;

/** A complete standalone page (no external resources; the CSP blocks any network access). */
export function reportPage(options: { heading: string; subtitle: string; body: string }): string {
  return [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<title>Profile Visualizer | whylogs</title>',
    `<style>${STYLE}</style></head><body>`,
    `<h1>${text(options.heading)}</h1><p class="subtitle">${text(options.subtitle)}</p>`,
    options.body,
    '</body></html>',
  ].join('');
}

/**
 * flytekit's display wrapper (whylogs `display`): the page HTML-escaped into an iframe `srcdoc`, with the
 * spacing Python emits, plus an `onload` that sizes the frame to its content.
 */
export function iframeWrapper(page: string, height: '1000px' | '750px'): string {
  return `<div></div><iframe srcdoc="${escapeHtml(page)}" width=100% height=${height} onload="${FIT_TO_CONTENT}"\n        frameBorder=0></iframe>`;
}

/**
 * The iframe follows its content's height (cards reflow on narrow screens, so a fixed height cuts them off or
 * leaves a gap): measured on load and whenever the page inside resizes (a deck tab shown, a window resized).
 * The fixed height stays as the fallback where scripts do not run. A hidden frame measures 0: keep the old
 * height until it is shown.
 */
const FIT_TO_CONTENT = [
  'var frame=this,fit=function(){var d=frame.contentDocument;if(!d||!d.body)return;',
  'var h=d.documentElement.scrollHeight;if(h>0)frame.style.height=h+&quot;px&quot;};',
  'fit();if(window.ResizeObserver&&frame.contentDocument)new ResizeObserver(fit).observe(frame.contentDocument.body)',
].join('');
