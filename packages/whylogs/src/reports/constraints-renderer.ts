import type { Constraints } from '../constraints/constraints';
import { iframeWrapper, reportPage, text } from './report-html';

function summaryJson(summary: Record<string, unknown> | null): string {
  return JSON.stringify(
    summary,
    (_key, value) =>
      typeof value === 'number' && !Number.isFinite(value)
        ? String(value)
        : typeof value === 'bigint'
          ? value.toString()
          : value,
    2,
  );
}

/** Static constraints report, like flytekit's `WhylogsConstraintsRenderer`. */
// biome-ignore lint/complexity/noStaticOnlyClass: mirrors flytekit's WhylogsConstraintsRenderer.to_html
export class WhylogsConstraintsRenderer {
  /** One row per constraint (passed/failed with the metric values it saw), wrapped in flytekit's iframe (750px). */
  static toHtml(constraints: Constraints): string {
    const report = constraints.generateConstraintsReport({ withSummary: true });
    const passed = report.filter((row) => row.passed === 1).length;
    const failed = report.length - passed;
    const rows = report
      .map(
        (row) =>
          `<tr data-passed="${row.passed}"><td>${text(row.name)}</td><td>${row.passed ? '<span class="tag ok">Passed</span>' : '<span class="tag bad">Failed</span>'}</td><td>${row.summary ? `<details><summary>values</summary><pre>${text(summaryJson(row.summary))}</pre></details>` : '<span class="subtitle">—</span>'}</td></tr>`,
      )
      .join('');
    const page = reportPage({
      heading: 'Constraints Report',
      subtitle: 'whylogs constraints validated against the profile',
      body: `<div class="totals"><div class="total">Passed<b>${passed}</b></div><div class="total">Failed<b>${failed}</b></div></div><div class="card"><table><thead><tr><th>Constraint</th><th>Result</th><th>Metric values</th></tr></thead><tbody>${rows}</tbody></table></div>`,
    });
    return iframeWrapper(page, '750px');
  }
}
