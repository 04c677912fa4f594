import { calculateDriftScores } from '../drift/calculate-drift-scores';
import type { DriftScore } from '../drift/drift-algorithm';
import type { ProfileInput } from '../preprocess/split-columns';
import { log } from '../profile/dataset-profile';
import { profileSnapshot } from '../snapshot/profile-source';
import { columnCard } from './profile-summary-report';
import {
  doubleHistogramSvg,
  frequentItemsSvg,
  histogramFromSketch,
  histogramSvg,
  sharedHistograms,
} from './report-charts';
import { formatNumber, iframeWrapper, reportPage, text } from './report-html';

const CATEGORY_STYLE: Record<string, [string, string]> = {
  DRIFT: ['bad', 'Drift detected'],
  POSSIBLE_DRIFT: ['warn', 'Possible drift'],
  NO_DRIFT: ['ok', 'No drift'],
};

function driftTag(score: DriftScore | null): string {
  if (!score?.drift_category) return '<span class="tag none">Unknown drift</span>';
  const [style, label] = CATEGORY_STYLE[score.drift_category]!;
  // whylogs shows `pvalue or statistic`: a p-value of exactly 0 falls back to the statistic.
  const primary = score.pvalue || score.statistic;
  const measure = score.pvalue ? 'p-value' : 'statistic';
  return `<span class="tag ${style}">${text(label)}</span> <span class="subtitle">${text(`${score.algorithm} ${measure} ${formatNumber(primary)}`)}</span>`;
}

/** Static summary-drift report, like flytekit's `WhylogsSummaryDriftRenderer`. */
// biome-ignore lint/complexity/noStaticOnlyClass: mirrors flytekit's WhylogsSummaryDriftRenderer.to_html
export class WhylogsSummaryDriftRenderer {
  /**
   * Profiles both datasets (Arrow tables or record arrays) and renders the drift of every shared
   * column against the reference (numeric columns as one overlaid histogram on a shared axis), wrapped in
   * flytekit's iframe, sized to its content.
   */
  static toHtml(reference: ProfileInput, target: ProfileInput): string {
    const targetView = log(target).view();
    const referenceView = log(reference).view();
    const targetColumns = profileSnapshot(targetView);
    const referenceColumns = profileSnapshot(referenceView);
    const scores = calculateDriftScores(targetView, referenceView, { withThresholds: true });
    const tally = { DRIFT: 0, POSSIBLE_DRIFT: 0, NO_DRIFT: 0, unknown: 0 };
    for (const score of Object.values(scores)) {
      const category = score?.drift_category;
      if (category) tally[category] += 1;
      else tally.unknown += 1;
    }
    const totals = `<div class="totals"><div class="total">Drift detected<b>${tally.DRIFT}</b></div><div class="total">Possible drift<b>${tally.POSSIBLE_DRIFT}</b></div><div class="total">No evidence of drift<b>${tally.NO_DRIFT}</b></div><div class="total">Unknown<b>${tally.unknown}</b></div></div>`;
    const cards = Object.entries(scores)
      .map(([name, score]) => {
        const referenceColumn = referenceColumns.get(name)!;
        const targetColumn = targetColumns.get(name)!;
        const referenceCharts: string[] = [];
        const targetSketch = targetColumn.distribution?.kll;
        const referenceSketch = referenceColumn.distribution?.kll;
        // Numbers: one axis for both, so a shift shows as two offset shapes (whylogs' double histogram).
        const overlay = targetSketch && referenceSketch && !targetSketch.isEmpty && !referenceSketch.isEmpty;
        if (overlay) {
          referenceCharts.push(
            doubleHistogramSvg(
              sharedHistograms(targetSketch, referenceSketch),
              'Target and reference distribution',
            ),
          );
        } else if (referenceSketch && !referenceSketch.isEmpty) {
          referenceCharts.push(
            histogramSvg(histogramFromSketch(referenceSketch), 'Reference distribution', '#9aa5b8'),
          );
        } else if (referenceColumn.frequentItems?.frequentStrings.length) {
          referenceCharts.push(
            frequentItemsSvg(
              referenceColumn.frequentItems.frequentStrings.map((item) => ({
                value: item.value,
                estimate: item.est,
              })),
              'Reference most frequent values',
            ),
          );
        }
        const extra = `<p>${driftTag(score)}</p>`;
        return columnCard(name, targetColumn, extra, { histogram: !overlay }).replace(
          /<\/section>$/,
          `${referenceCharts.join('')}</section>`,
        );
      })
      .join('');
    const page = reportPage({
      heading: 'Summary Drift Report',
      subtitle: 'Target profile compared with the reference profile, column by column',
      body: `${totals}<div class="cards">${cards}</div>`,
    });
    return iframeWrapper(page, '1000px');
  }
}
