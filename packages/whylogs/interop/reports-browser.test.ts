import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Deck } from '@tasklens/core';
import { renderDeckHtml } from '@tasklens/core/plugin';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchHeadlessChromium,
  type PageProblems,
  watchPage,
} from '../../../test-support/headless-chromium';
import {
  ConstraintsBuilder,
  greaterThanNumber,
  isInRange,
  MetricConstraint,
  noMissingValues,
} from '../src/constraints';
import { log } from '../src/profile/dataset-profile';
import { profileSummaryHtml, WhylogsConstraintsRenderer, WhylogsSummaryDriftRenderer } from '../src/reports';
import { packageRoot } from './drift-oracle';

const hostile = '<img src=x onerror=alert(1)>';
const outputDirectory = join(packageRoot, '.test-output');

function records(count: number, shift: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, index) => ({
    sepal_length: ((index * 37) % 100) / 100 + shift,
    species: ['virginica', 'setosa', 'versicolor'][index % 3],
    [hostile]: index % 2 === 0 ? `<script>alert("${index}")</script>` : index + shift,
  }));
}

const reference = records(100, 0);
const target = records(60, 0.3);
const view = log(target).view();
const constraints = new ConstraintsBuilder(view)
  .addConstraint(greaterThanNumber('sepal_length', 0))
  .addConstraint(isInRange('sepal_length', 0, 1))
  .addConstraint(noMissingValues(hostile))
  .addConstraint(
    new MetricConstraint({
      name: `custom ${hostile}`,
      condition: () => true,
      metricSelector: { metricName: 'counts', columnName: hostile },
    }),
  )
  .build();

const reports = {
  summary: profileSummaryHtml(view),
  drift: WhylogsSummaryDriftRenderer.toHtml(reference, target),
  constraints: WhylogsConstraintsRenderer.toHtml(constraints),
};

describe('reports in headless Chromium, inside deck tabs', () => {
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;

  beforeAll(async () => {
    browser = await launchHeadlessChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 1100 } });
    problems = await watchPage(page);
    const html = renderDeckHtml([
      new Deck('Profile summary', reports.summary, { autoAddToDeck: false }),
      new Deck('Summary drift', reports.drift, { autoAddToDeck: false }),
      new Deck('Constraints', reports.constraints, { autoAddToDeck: false }),
    ]);
    mkdirSync(outputDirectory, { recursive: true });
    writeFileSync(join(outputDirectory, 'reports-deck.html'), html);
    await page.setContent(html, { waitUntil: 'load' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("keep flytekit's observable wrapper: prefix, title text and heights", () => {
    for (const html of Object.values(reports)) {
      expect(html.startsWith('<div></div><iframe srcdoc="')).toBe(true);
      expect(html).toContain('Profile Visualizer');
      expect(html.endsWith('\n        frameBorder=0></iframe>')).toBe(true);
    }
    expect(reports.summary).toContain('height=1000px');
    expect(reports.drift).toContain('height=1000px');
    // The drift page says what it is (it used to reuse the profile summary's title).
    expect(reports.drift).toContain('Summary Drift Report');
    expect(reports.drift).not.toContain('Profile Summary');
    for (const html of Object.values(reports)) expect(html).toContain('onload="var frame=this');
    expect(reports.constraints).toContain('height=750px');
    expect(reports.summary).not.toContain('<img src=x');
  });

  const tabs = [
    ['Profile summary', 'summary', 2],
    ['Summary drift', 'drift', 4],
    ['Constraints', 'constraints', 0],
  ] as const;

  for (const width of [1280, 390]) {
    for (const [index, [tab, name, minimumCharts]] of tabs.entries()) {
      it(`renders the ${name} report at ${width} px when its tab is shown, charts drawn, frame fitted to content`, async () => {
        await page.setViewportSize({ width, height: 1100 });
        await page.locator('#flyte-frame-tabs li', { hasText: tab }).click();
        const frameElement = page.locator('iframe').nth(index);
        await expect.poll(async () => frameElement.isVisible()).toBe(true);
        const frame = (await frameElement.elementHandle())!.contentFrame();
        const content = (await frame)!;
        await content.waitForSelector('h1');
        // innerText: the text a reader sees (rendered), not raw markup.
        // biome-ignore lint/performance/useDomNodeTextContent: visible text is what is asserted
        const bodyText = await content.locator('body').innerText();
        expect(bodyText).toContain(hostile);
        expect(await content.locator('img').count()).toBe(0);
        const charts = await content.locator('svg[data-chart]').evaluateAll((elements) =>
          elements.map((element) => {
            const box = element.getBoundingClientRect();
            return { width: box.width, height: box.height, shapes: element.querySelectorAll('rect').length };
          }),
        );
        expect(charts.length).toBeGreaterThanOrEqual(minimumCharts);
        for (const chart of charts) {
          expect(chart.width).toBeGreaterThan(100);
          expect(chart.height).toBeGreaterThan(20);
          expect(chart.shapes).toBeGreaterThan(0);
        }
        if (name === 'constraints') {
          expect(bodyText).toContain('Passed');
          expect(bodyText).toContain('Failed');
          expect(bodyText).toContain(`custom ${hostile}`);
        }
        if (name === 'drift') {
          expect(bodyText).toMatch(/Drift detected|Possible drift|No drift/);
          // The shifted numeric column: both series on one axis, and the shift visible as offset bars.
          const series = await content
            .locator('[data-column="sepal_length"] svg[data-chart="double-histogram"]')
            .evaluate((svg) => ({
              target: Array.from(svg.querySelectorAll('rect[data-series="target"]')).map((rect) =>
                Number(rect.getAttribute('height')),
              ),
              reference: Array.from(svg.querySelectorAll('rect[data-series="reference"]')).map((rect) =>
                Number(rect.getAttribute('height')),
              ),
            }));
          expect(series.target.length).toBe(series.reference.length);
          const firstFilled = (heights: number[]) => heights.findIndex((height) => height > 0);
          expect(firstFilled(series.target)).toBeGreaterThan(firstFilled(series.reference));
        }
        // Sized to content: no inner vertical scroll, nothing cut off, no horizontal overflow on a phone.
        await expect
          .poll(async () =>
            frameElement.evaluate((element: HTMLIFrameElement) => {
              const documentElement = element.contentDocument!.documentElement;
              return Math.abs(documentElement.scrollHeight - element.getBoundingClientRect().height) <= 2;
            }),
          )
          .toBe(true);
        const overflow = await content.evaluate(
          () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
        );
        expect(overflow).toBeLessThanOrEqual(1);
        const screenshot = await frameElement.screenshot({
          path: join(outputDirectory, `report-${name}-${width}px.png`),
        });
        // Drawn charts leave many distinct colours in the pixels (a blank page would not).
        expect(screenshot.length).toBeGreaterThan(10_000);
      });
    }
  }

  it('made no network request, raised no console error and fired no dialog', () => {
    expect(problems.requests).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.dialogs).toEqual([]);
  });
});
