/** CSS for one report, every rule scoped under its root id so reports and decks do not clash. */
export function reportStyles(scope: string): string {
  const s = `#${scope}`;
  return `
${s} { --tlm-fg: #1d1d1f; --tlm-bg: #ffffff; --tlm-muted: #666; --tlm-line: #d9d9de; --tlm-bar: #2b2d42; --tlm-bar-fg: #fff; --tlm-note: #fff4d6;
  color: var(--tlm-fg); background: var(--tlm-bg); font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; position: relative; min-width: 0; }
@media (prefers-color-scheme: dark) { ${s} { --tlm-fg: #e6e6e6; --tlm-bg: #1b1b1f; --tlm-muted: #aaa; --tlm-line: #3a3a42; --tlm-bar: #101018; --tlm-note: #4a3d12; } }
${s} * { box-sizing: border-box; }
${s} .tlm-bar { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; background: var(--tlm-bar); color: var(--tlm-bar-fg); padding: 8px 12px; border-radius: 4px; }
${s} .tlm-title { font-weight: 600; margin-right: auto; }
${s} .tlm-bar label { display: inline-flex; gap: 4px; align-items: center; font-size: 13px; cursor: pointer; }
${s} .tlm-bar input[type=search] { padding: 3px 6px; border-radius: 3px; border: 1px solid #888; min-width: 180px; }
${s} .tlm-bar button, ${s} button.tlm-more { padding: 3px 10px; border-radius: 3px; border: 1px solid #888; background: #f0f0f3; color: #111; cursor: pointer; }
${s} .tlm-notes { margin: 8px 0; padding: 0; list-style: none; }
${s} .tlm-notes li { background: var(--tlm-note); padding: 6px 10px; margin: 4px 0; border-radius: 3px; }
${s} .tlm-grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 12px; margin: 10px 0; }
@media (max-width: 900px) { ${s} .tlm-grid { grid-template-columns: minmax(0, 1fr); } }
${s} .tlm-stats { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 2px 12px; margin: 0; font-size: 13px; }
${s} .tlm-stats dt { color: var(--tlm-muted); }
${s} .tlm-stats dd { margin: 0; overflow-wrap: anywhere; }
${s} h3 { font-size: 14px; margin: 6px 0; }
${s} .tlm-top { margin: 0; padding-left: 18px; font-size: 13px; }
${s} .tlm-top li { overflow-wrap: anywhere; }
${s} .tlm-chart { min-height: 40px; color: var(--tlm-muted); }
${s} .tlm-chart svg { display: block; }
${s} .tlm-axis { font-size: 10px; fill: currentColor; }
${s} .tlm-temporal { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; font-size: 12px; margin: 0 0 4px; }
${s} .tlm-temporal label { display: inline-flex; gap: 4px; align-items: center; }
${s} .tlm-temporal input[type=number] { width: 6.5em; padding: 1px 4px; font: inherit; }
${s} .tlm-temporal button { padding: 1px 8px; border-radius: 3px; border: 1px solid #888; background: #f0f0f3; color: #111; cursor: pointer; }
${s} .tlm-legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; margin: 2px 0 0; }
${s} .tlm-legend span::before { content: ""; display: inline-block; width: 14px; height: 3px; margin-right: 4px; vertical-align: middle; background: var(--tlm-swatch); }
${s} .tlm-readout { font-size: 12px; min-height: 1.4em; }
${s} .tlm-flame { position: relative; width: 100%; min-height: 20px; margin-top: 8px; }
${s} .tlm-flame canvas { display: block; cursor: pointer; }
${s} .tlm-tip { display: none; position: absolute; z-index: 10; max-width: 320px; pointer-events: none; background: #111; color: #fff; padding: 6px 8px; border-radius: 4px; font-size: 12px; overflow-wrap: anywhere; }
${s} .tlm-match { font-size: 13px; }
${s} table.tlm-table { border-collapse: collapse; width: 100%; margin-top: 8px; font-size: 13px; }
${s} table.tlm-table th, ${s} table.tlm-table td { border-bottom: 1px solid var(--tlm-line); padding: 4px 8px; text-align: left; overflow-wrap: anywhere; }
${s} table.tlm-table th { cursor: pointer; user-select: none; white-space: nowrap; }
${s} table.tlm-table th[aria-sort=descending]::after { content: " \\25BC"; }
${s} table.tlm-table th[aria-sort=ascending]::after { content: " \\25B2"; }
${s} table.tlm-table td:nth-child(-n+3) { font-variant-numeric: tabular-nums; }
${s} .tlm-kinds { font-size: 12px; color: var(--tlm-muted); margin-top: 4px; }
@media (max-width: 560px) {
  ${s} .tlm-stats { grid-template-columns: minmax(0, 1fr); }
  ${s} .tlm-stats dd { margin: 0 0 6px; }
  ${s} .tlm-bar input[type=search] { min-width: 0; width: 100%; }
  ${s} table.tlm-table { display: block; overflow-x: auto; }
  ${s} table.tlm-table th { white-space: normal; }
  ${s} table.tlm-table th, ${s} table.tlm-table td { padding: 4px; }
}
`;
}
