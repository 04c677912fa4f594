import type { ColumnSnapshot } from '../snapshot/profile-snapshot';
import { type ProfileSource, profileSnapshot } from '../snapshot/profile-source';
import { frequentItemsSvg, histogramFromSketch, histogramSvg } from './report-charts';
import { formatNumber, iframeWrapper, reportPage, text } from './report-html';

function inferredType(column: ColumnSnapshot): string {
  const types = column.types;
  if (!types) return 'unknown';
  const entries = Object.entries(types).filter(([, count]) => count > 0);
  if (entries.length === 0) return 'null';
  return entries.sort((left, right) => right[1] - left[1])[0]![0];
}

function statisticsTable(column: ColumnSnapshot): string {
  const rows: [string, number | null | undefined][] = [];
  const counts = column.counts;
  if (counts) rows.push(['count', counts.n], ['null', counts.null], ['NaN', counts.nan]);
  if (column.cardinality) rows.push(['distinct (est.)', column.cardinality.estimate]);
  const distribution = column.distribution;
  if (distribution && !distribution.kll.isEmpty) {
    const kll = distribution.kll;
    const n = kll.n;
    const [q25, median, q75] = kll.getQuantiles([0.25, 0.5, 0.75]);
    rows.push(
      ['mean', distribution.mean],
      ['std. dev.', n <= 1 ? 0 : Math.sqrt(distribution.m2 / (n - 1))],
      ['min', kll.min],
      ['25%', q25],
      ['median', median],
      ['75%', q75],
      ['max', kll.max],
    );
  }
  return `<table>${rows.map(([name, value]) => `<tr><th>${text(name)}</th><td class="num">${text(formatNumber(value))}</td></tr>`).join('')}</table>`;
}

/** One column card: type, statistics, histogram and frequent-item bars. */
export function columnCard(
  name: string,
  column: ColumnSnapshot,
  extra = '',
  options: { histogram?: boolean } = {},
): string {
  const charts: string[] = [];
  if ((options.histogram ?? true) && column.distribution && !column.distribution.kll.isEmpty) {
    charts.push(histogramSvg(histogramFromSketch(column.distribution.kll), 'Distribution'));
  }
  const items = column.frequentItems?.frequentStrings ?? [];
  if (items.length > 0) {
    charts.push(
      frequentItemsSvg(
        items.map((item) => ({ value: item.value, estimate: item.est })),
        'Most frequent values',
      ),
    );
  }
  return `<section class="card" data-column="${text(name)}"><h2>${text(name)} <span class="tag none">${text(inferredType(column))}</span></h2>${extra}${statisticsTable(column)}${charts.join('')}</section>`;
}

/** The profile summary page for one profile (what Input/Output decks show for a profile). */
export function profileSummaryPage(profile: ProfileSource): string {
  const columns = profileSnapshot(profile);
  let observations = 0;
  let missing = 0;
  for (const column of columns.values()) {
    observations += column.counts?.n ?? 0;
    missing += column.counts?.null ?? 0;
  }
  const totals = `<div class="totals"><div class="total">Columns<b>${columns.size}</b></div><div class="total">Observations<b>${text(formatNumber(observations))}</b></div><div class="total">Missing cells<b>${text(formatNumber(missing))}</b></div></div>`;
  const cards = [...columns].map(([name, column]) => columnCard(name, column)).join('');
  return reportPage({
    heading: 'Profile Summary',
    subtitle: 'whylogs profile: per-column statistics, distributions and frequent values',
    body: `${totals}<div class="cards">${cards}</div>`,
  });
}

/** The profile summary report, wrapped like flytekit's `ProfileSummaryReport(...).report().data` (1000px). */
export function profileSummaryHtml(profile: ProfileSource): string {
  return iframeWrapper(profileSummaryPage(profile), '1000px');
}
