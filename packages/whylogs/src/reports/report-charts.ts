// Inline SVG charts: static markup with a viewBox, so they draw correctly whenever the tab that
// holds them becomes visible (no measuring, no script).

import { calculateBins, roundHalfEven } from '../drift/calculate-bins';
import type { QuantileSketch } from '../snapshot/profile-snapshot';
import { formatNumber, text } from './report-html';

/** A histogram as whylogs' summary drift report builds it (`_histogram_from_sketch`). */
export interface Histogram {
  bins: number[];
  counts: number[];
}

/** whylogs `_histogram_from_sketch`: up to 30 buckets of ~4 values; counts = round-half-even(pmf·n). */
export function histogramFromSketch(sketch: QuantileSketch): Histogram {
  const n = sketch.n;
  const start = sketch.min;
  const maximum = sketch.max;
  if (n < 2 || start === maximum) return { bins: [start, start + Math.abs(start) * 1e-7], counts: [n] };
  const { bins } = calculateBins({ start, end: maximum, n, averagePerBucket: 4, maxBuckets: 30 });
  const pmf = sketch.getPMF(bins);
  return { bins, counts: pmf.slice(1, -1).map((probability) => roundHalfEven(probability * n)) };
}

/** Vertical bars for a histogram, with the range labelled underneath. */
export function histogramSvg(histogram: Histogram, label: string, color = '#3b6fd8'): string {
  const width = 320;
  const height = 120;
  const maximum = Math.max(1, ...histogram.counts);
  const barWidth = width / histogram.counts.length;
  const bars = histogram.counts
    .map((count, index) => {
      const barHeight = (count / maximum) * (height - 10);
      const from = histogram.bins[index]!;
      const to = histogram.bins[index + 1] ?? from;
      return `<rect x="${(index * barWidth + 0.5).toFixed(2)}" y="${(height - barHeight).toFixed(2)}" width="${Math.max(barWidth - 1, 0.5).toFixed(2)}" height="${barHeight.toFixed(2)}" fill="${color}" rx="1"><title>${text(`[${formatNumber(from)}, ${formatNumber(to)}): ${count}`)}</title></rect>`;
    })
    .join('');
  const first = histogram.bins[0]!;
  const last = histogram.bins.at(-1)!;
  return `<div class="chart-title">${text(label)}</div><svg viewBox="0 0 ${width} ${height + 16}" role="img" aria-label="${text(label)}" data-chart="histogram"><line x1="0" y1="${height}" x2="${width}" y2="${height}" stroke="#c7cedb"/>${bars}<text x="0" y="${height + 13}" font-size="10" fill="#5b6478">${text(formatNumber(first))}</text><text x="${width}" y="${height + 13}" font-size="10" fill="#5b6478" text-anchor="end">${text(formatNumber(last))}</text></svg>`;
}

/** Horizontal bars for the most frequent values (value labels escaped, long ones cut). */
export function frequentItemsSvg(
  items: readonly { value: string; estimate: number }[],
  label: string,
): string {
  const shown = items.slice(0, 10);
  const rowHeight = 18;
  const width = 320;
  const labelWidth = 110;
  const maximum = Math.max(1, ...shown.map((item) => item.estimate));
  const rows = shown
    .map((item, index) => {
      const y = index * rowHeight;
      const barWidth = ((width - labelWidth - 40) * item.estimate) / maximum;
      const shortLabel = item.value.length > 16 ? `${item.value.slice(0, 15)}…` : item.value;
      return `<text x="${labelWidth - 6}" y="${y + 13}" font-size="11" text-anchor="end" fill="#1d2433">${text(shortLabel)}<title>${text(item.value)}</title></text><rect x="${labelWidth}" y="${y + 3}" width="${Math.max(barWidth, 1).toFixed(2)}" height="${rowHeight - 6}" fill="#7aa2ea" rx="2"/><text x="${(labelWidth + barWidth + 4).toFixed(2)}" y="${y + 13}" font-size="10" fill="#5b6478">${text(formatNumber(item.estimate))}</text>`;
    })
    .join('');
  return `<div class="chart-title">${text(label)}</div><svg viewBox="0 0 ${width} ${Math.max(shown.length, 1) * rowHeight}" role="img" aria-label="${text(label)}" data-chart="frequent-items">${rows}</svg>`;
}

/** Target and reference histograms on the same bins over both ranges, as whylogs' double histogram. */
export interface SharedHistograms {
  bins: number[];
  target: number[];
  reference: number[];
}

/** Bins over [min of both, max of both] (whylogs `_calculate_bins`), counts = round-half-even(pmf·n) each. */
export function sharedHistograms(target: QuantileSketch, reference: QuantileSketch): SharedHistograms {
  const start = Math.min(target.min, reference.min);
  const maximum = Math.max(target.max, reference.max);
  const n = Math.max(target.n, reference.n);
  const bins =
    start === maximum
      ? [start, start + (start !== 0 ? Math.abs(start) * 1e-7 : 1e-7)]
      : calculateBins({ start, end: maximum, n, averagePerBucket: 4, maxBuckets: 30 }).bins;
  const counts = (sketch: QuantileSketch) =>
    sketch
      .getPMF(bins)
      .slice(1, -1)
      .map((probability) => roundHalfEven(probability * sketch.n));
  return { bins, target: counts(target), reference: counts(reference) };
}

/** Both histograms overlaid on one x-axis (reference grey behind, target blue in front), with a legend. */
export function doubleHistogramSvg(histograms: SharedHistograms, label: string): string {
  const width = 320;
  const height = 120;
  const maximum = Math.max(1, ...histograms.target, ...histograms.reference);
  const barWidth = width / Math.max(histograms.target.length, 1);
  const series = (counts: number[], color: string, name: string) =>
    counts
      .map((count, index) => {
        const barHeight = (count / maximum) * (height - 10);
        const from = histograms.bins[index]!;
        const to = histograms.bins[index + 1] ?? from;
        return `<rect x="${(index * barWidth + 0.5).toFixed(2)}" y="${(height - barHeight).toFixed(2)}" width="${Math.max(barWidth - 1, 0.5).toFixed(2)}" height="${barHeight.toFixed(2)}" fill="${color}" fill-opacity="0.6" rx="1" data-series="${name}"><title>${text(`${name} [${formatNumber(from)}, ${formatNumber(to)}): ${count}`)}</title></rect>`;
      })
      .join('');
  const first = histograms.bins[0]!;
  const last = histograms.bins.at(-1)!;
  const legend = `<rect x="${width - 150}" y="2" width="10" height="10" fill="#3b6fd8" fill-opacity="0.6"/><text x="${width - 136}" y="11" font-size="10" fill="#5b6478">target</text><rect x="${width - 86}" y="2" width="10" height="10" fill="#9aa5b8" fill-opacity="0.6"/><text x="${width - 72}" y="11" font-size="10" fill="#5b6478">reference</text>`;
  return `<div class="chart-title">${text(label)}</div><svg viewBox="0 0 ${width} ${height + 16}" role="img" aria-label="${text(label)}" data-chart="double-histogram"><line x1="0" y1="${height}" x2="${width}" y2="${height}" stroke="#c7cedb"/>${series(histograms.reference, '#9aa5b8', 'reference')}${series(histograms.target, '#3b6fd8', 'target')}${legend}<text x="0" y="${height + 13}" font-size="10" fill="#5b6478">${text(formatNumber(first))}</text><text x="${width}" y="${height + 13}" font-size="10" fill="#5b6478" text-anchor="end">${text(formatNumber(last))}</text></svg>`;
}
