import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Deck, task, types } from '@tasklens/core';
import { createLocalContext, renderDeckHtml } from '@tasklens/core/plugin';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchHeadlessChromium, watchPage } from '../../../test-support/headless-chromium';
import { allocateRetainedArrays, clearSinks } from '../src/__fixtures__/allocation-sites';
import { syntheticCapture } from '../src/__fixtures__/synthetic-capture';
import { profileTwoPhases } from '../src/__fixtures__/temporal-phases';
import type { MemrayCapture, SamplingHeapProfileNode } from '../src/capture/capture-format';
import { memrayProfiling } from '../src/memray-profiling';
import { parseReporterArgs } from '../src/options/reporter-settings';
import { renderReport, reportDocument } from '../src/report/render-report';
import { buildReportModel } from '../src/report/report-data';

const outputDirectory = fileURLToPath(new URL('../.test-output/', import.meta.url));
const hostileName = '<script>alert(1)</script>';

let browser: Browser;
let deckHtml: string;

beforeAll(async () => {
  const directory = mkdtempSync(join(tmpdir(), 'memray-browser-'));
  function hostile() {
    allocateRetainedArrays(300, 1000);
  }
  const pipeline = task(
    {
      name: 'demo.heavy_compute',
      inputs: { rows: types.integer() },
      outputs: types.integer(),
      enableDeck: true,
    },
    // 32 KiB: at the 1 MiB default the 2.4 MB `hostile` site gets ~2 samples, sometimes none, and
    // the flamegraph and table would depend on chance.
    memrayProfiling({
      captureDirectory: directory,
      samplingIntervalBytes: 32_768,
      memrayReporterArgs: ['--leaks'],
    })(async function heavy_compute({ rows }: { rows: number }) {
      allocateRetainedArrays(rows, 1000);
      hostile();
      return rows;
    }),
  );
  const context = createLocalContext({ taskName: 'demo.heavy_compute', enableDeck: true });
  clearSinks();
  await pipeline.execute(context, { rows: 1500 });
  const captureName = readdirSync(directory).find((name) => name.endsWith('.memray.json'))!;
  const capture = JSON.parse(readFileSync(join(directory, captureName), 'utf8')) as MemrayCapture;
  // V8 names a computed-key method after its variable, so no source can produce a frame named
  // like an HTML tag; captures are data (the CLI renders any file), so rename one in the capture.
  const rename = (node: SamplingHeapProfileNode) => {
    if (node.callFrame.functionName === 'hostile') node.callFrame.functionName = hostileName;
    node.children.forEach(rename);
  };
  rename(capture.final!.head);
  // A second report on the same page (a table) checks that scoped ids and styles do not clash.
  const table = new Deck(
    'Memray Table',
    renderReport(capture, 'table', parseReporterArgs('table', ['--leaks'], 'x')),
    {
      autoAddToDeck: false,
    },
  );
  deckHtml = renderDeckHtml([...context.decks, table]);
  mkdirSync(outputDirectory, { recursive: true });
  writeFileSync(join(outputDirectory, 'deck.html'), deckHtml);
  browser = await launchHeadlessChromium();
});

afterAll(async () => {
  await browser?.close();
});

async function openDeck(): Promise<{ page: Page; requests: string[]; errors: string[]; dialogs: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = await watchPage(page);
  await page.setContent(deckHtml, { waitUntil: 'load' });
  return { page, requests: problems.requests, errors: problems.consoleErrors, dialogs: problems.dialogs };
}

describe('memray report inside a flytekit-style deck, in headless Chromium', () => {
  test('the flamegraph draws when its tab is shown, search highlights, no errors, no network', async () => {
    const { page, requests, errors, dialogs } = await openDeck();
    const tabs = await page.locator('#flyte-frame-tabs li').allTextContents();
    expect(tabs).toEqual([
      'Timeline',
      'Memray Flamegraph',
      'Source Code',
      'Dependencies',
      'Input',
      'Output',
      'Memray Table',
    ]);
    const flame = page.locator('[data-reporter="flamegraph"] [data-role="flame"]');
    // Hidden tab: nothing drawn yet (zero width).
    expect(await flame.getAttribute('data-drawn')).toBeNull();
    await page.locator('#flyte-frame-tabs li', { hasText: 'Memray Flamegraph' }).click();
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-reporter="flamegraph"] [data-role="flame"]')
            ?.getAttribute('data-drawn'),
        ) > 3,
    );
    const painted = await page.evaluate(() => {
      const canvas = document.querySelector('[data-reporter="flamegraph"] canvas') as HTMLCanvasElement;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let opaque = 0;
      for (let index = 3; index < pixels.length; index += 4) if (pixels[index]! > 0) opaque++;
      return { width: canvas.width, height: canvas.height, opaque };
    });
    expect(painted.width).toBeGreaterThan(500);
    expect(painted.opaque).toBeGreaterThan(1000);
    const chart = page.locator(
      '[data-reporter="flamegraph"] [data-role="chart"] polyline[data-series="heapUsed"]',
    );
    expect((await chart.getAttribute('points'))!.split(' ').length).toBeGreaterThan(1);

    await page.locator('[data-reporter="flamegraph"] [data-role="search"]').fill('allocateRetainedArrays');
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-reporter="flamegraph"] [data-role="flame"]')
            ?.getAttribute('data-matched'),
        ) > 0,
    );
    expect(await page.locator('[data-reporter="flamegraph"] [data-role="match"]').textContent()).toMatch(
      /^Matched: .*MB \(\d/,
    );

    // Hover details on the root row (the top row: memray's default is an icicle). `hover` scrolls
    // the canvas into view and waits for it to be stable, so a late layout shift cannot move it.
    const canvas = page.locator('[data-reporter="flamegraph"] canvas');
    await canvas.hover({ position: { x: 40, y: 10 } });
    await expect
      .poll(() => page.locator('[data-reporter="flamegraph"] [data-role="tooltip"]').textContent(), {
        timeout: 120_000,
      })
      .toContain('Total:');
    await page.screenshot({ path: join(outputDirectory, 'memray-flamegraph-deck.png'), fullPage: true });

    // Inverted view and zoom redraw without errors.
    await page.locator('[data-reporter="flamegraph"] [data-role="inverted"]').check();
    await canvas.click({ position: { x: 40, y: 30 } });
    await page.keyboard.press('Escape');
    expect(Number(await flame.getAttribute('data-drawn'))).toBeGreaterThan(1);

    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });

  test('the table sorts by column and shows the <script> function name as text', async () => {
    const { page, requests, errors, dialogs } = await openDeck();
    await page.locator('#flyte-frame-tabs li', { hasText: 'Memray Table' }).click();
    const table = page.locator('[data-reporter="table"] table');
    const sizes = async () =>
      table
        .locator('tbody tr td:first-child')
        .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-value'))));
    const initial = await sizes();
    expect(initial.length).toBeGreaterThan(2);
    expect(initial).toEqual([...initial].sort((left, right) => right - left));
    await table.locator('th', { hasText: 'Size' }).click();
    const ascending = await sizes();
    expect(ascending).toEqual([...ascending].sort((left, right) => left - right));
    expect(await table.locator('th', { hasText: 'Size' }).getAttribute('aria-sort')).toBe('ascending');
    await table.locator('th', { hasText: 'Location' }).click();
    const names = await table.locator('tbody tr td:last-child').allTextContents();
    // Compared with the browser's own collation.
    const collated = await page.evaluate(
      (list) => [...list].sort((left, right) => left.localeCompare(right)),
      names,
    );
    expect(names).toEqual(collated);

    await page.locator('[data-reporter="table"] [data-role="table-search"]').fill('script');
    const hostileRow = await table.locator('tbody tr td:last-child').allTextContents();
    expect(hostileRow.some((text) => text.startsWith(hostileName))).toBe(true);
    await page.screenshot({ path: join(outputDirectory, 'memray-table-deck.png'), fullPage: true });
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    expect(dialogs).toEqual([]);
    await page.close();
  });
});

describe('the memray decks at desktop and phone widths', () => {
  test.each([
    [1280, 'Memray Flamegraph', 'flamegraph'],
    [390, 'Memray Flamegraph', 'flamegraph'],
    [1280, 'Memray Table', 'table'],
    [390, 'Memray Table', 'table'],
  ])('at %i px the %s deck draws within the width (screenshot kept)', async (width, tab, reporter) => {
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    const problems = await watchPage(page);
    await page.setContent(deckHtml, { waitUntil: 'load' });
    await page.locator('#flyte-frame-tabs li', { hasText: tab }).click();
    const root = page.locator(`[data-reporter="${reporter}"]`);
    if (reporter === 'flamegraph') {
      await expect
        .poll(async () => Number(await root.locator('[data-role="flame"]').getAttribute('data-drawn')), {
          timeout: 120_000,
        })
        .toBeGreaterThan(1);
    } else {
      await expect.poll(() => root.locator('tbody tr').count(), { timeout: 120_000 }).toBeGreaterThan(1);
    }
    // Nothing of the report sticks out sideways: the page would scroll horizontally on a phone.
    const sizes = await root.evaluate((element) => ({
      scroll: element.scrollWidth,
      client: element.clientWidth,
      canvas: element.querySelector('canvas')?.getBoundingClientRect().width ?? 0,
    }));
    expect(sizes.scroll).toBeLessThanOrEqual(sizes.client + 1);
    expect(sizes.canvas).toBeLessThanOrEqual(sizes.client + 1);
    await page.screenshot({
      path: join(outputDirectory, `memray-${reporter}-${width}px.png`),
      fullPage: true,
    });
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.requests).toEqual([]);
    await page.close();
  });
});

describe('honest attribution with "Hide Node internals" on', () => {
  test('bytes allocated inside an internal frame stay visible as "via <frame>" under the caller', async () => {
    const capture = syntheticCapture();
    const html = reportDocument(
      renderReport(capture, 'table', parseReporterArgs('table', [], 'x')),
      'folded',
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = await watchPage(page);
    await page.setContent(html, { waitUntil: 'load' });
    const rows = page.locator('[data-reporter="table"] table tbody tr');
    await expect.poll(() => rows.count(), { timeout: 120_000 }).toBeGreaterThan(1);
    const labels = await rows.locator('td:last-child').allTextContents();
    // `push` (a V8 builtin, 0.5 MB) is hidden but not charged to loadRows: it has its own row.
    expect(labels.some((label) => label.startsWith('via push'))).toBe(true);
    const selfOf = async (prefix: string) => {
      const row = rows.filter({ has: page.locator('td:last-child', { hasText: prefix }) }).first();
      return Number(await row.locator('td').first().getAttribute('data-value'));
    };
    expect(await selfOf('loadRows')).toBe(1_500_000);
    expect(await selfOf('via push')).toBe(500_000);
    expect(problems.consoleErrors).toEqual([]);
    await page.close();
  });
});

describe('a --temporal flamegraph in headless Chromium', () => {
  test('dragging across the memory chart shows that range; "Whole run" goes back', async () => {
    const settings = parseReporterArgs('flamegraph', ['--temporal'], 'x');
    const { capture, marks } = await profileTwoPhases();
    const { data } = buildReportModel(capture, 'flamegraph', settings, 10_000);
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = await watchPage(page);
    await page.setContent(reportDocument(renderReport(capture, 'flamegraph', settings), 'temporal'), {
      waitUntil: 'load',
    });
    const matchedShare = async (name: string) => {
      await page.locator('[data-role="search"]').fill('');
      await page.locator('[data-role="search"]').fill(name);
      const text = (await page.locator('[data-role="match"]').textContent()) ?? '';
      return Number(/\(([\d.]+)%\)/.exec(text)?.[1] ?? Number.NaN);
    };
    await page.waitForFunction(
      () => Number(document.querySelector('[data-role="flame"]')?.getAttribute('data-drawn')) > 2,
    );
    // The whole run: the high-water mark is phase A.
    expect(await matchedShare('phaseAllocatesA')).toBeGreaterThan(80);

    // Drag over phase B's plateau. Filling the range inputs or clicking "Whole run" scrolls the
    // page by an amount that depends on the profile's layout, so the chart is measured afresh
    // before every drag: mouse coordinates are viewport coordinates.
    const end = data.memory.time.at(-1)!;
    let chart = { x: 0, y: 0, width: 0, height: 0 };
    const measureChart = async () => {
      const svg = page.locator('[data-role="chart"] svg');
      await svg.scrollIntoViewIfNeeded();
      chart = (await svg.boundingBox())!;
    };
    const xOf = (time: number) => chart.x + 64 + (time / end) * (chart.width - 72);
    const chartMiddle = () => chart.y + chart.height / 2;
    await measureChart();
    let y = chartMiddle();
    await page.mouse.move(xOf(marks.bHeld - data.memory.start + 100), y);
    await page.mouse.down();
    await page.mouse.move(xOf(end - 20), y, { steps: 5 });
    await page.mouse.up();
    await expect
      .poll(() => page.locator('[data-role="temporal-status"]').textContent(), { timeout: 120_000 })
      .toMatch(/^\d+\.\d{3} s to \d+\.\d{3} s: high-water mark, [\d.]+ MB \(snapshot at \d+\.\d{3} s\)$/);
    // The shade is drawn on the next animation frame: poll (a loaded machine may take a while).
    await expect
      .poll(async () => Number(await page.locator('[data-role="range"]').getAttribute('width')), {
        timeout: 120_000,
      })
      .toBeGreaterThan(10);
    expect(await matchedShare('phaseAllocatesB')).toBeGreaterThan(80);
    expect(await matchedShare('phaseAllocatesA')).toBeLessThan(5);
    // The summary follows the range: the top allocator and the bytes shown.
    const topAllocator = () => page.locator('[data-role="top"] li').first().textContent();
    expect(await topAllocator()).toContain('phaseAllocatesB');
    const sampledBytes = () => page.locator('[data-stat="sampled-bytes-in-this-view"]').textContent();
    const status = (await page.locator('[data-role="temporal-status"]').textContent())!;
    expect(status).toContain(` ${await sampledBytes()} (snapshot at`);
    // The drag is written into the range inputs.
    const typedFrom = Number(await page.locator('[data-role="range-from"]').inputValue());
    expect(typedFrom * 1000).toBeGreaterThan(marks.bHeld - data.memory.start);
    await page.screenshot({ path: join(outputDirectory, 'memray-temporal-range.png'), fullPage: true });

    // A range typed from the keyboard: phase A's plateau.
    const secondsOf = (time: number) => ((time - data.memory.start) / 1000).toFixed(3);
    await page.locator('[data-role="range-from"]').fill(secondsOf(marks.aHeld + 50));
    await page.locator('[data-role="range-from"]').press('Tab');
    await page.locator('[data-role="range-to"]').fill(secondsOf(marks.aDropped - 20));
    await page.locator('[data-role="range-to"]').press('Enter');
    await expect
      .poll(() => page.locator('[data-role="temporal-status"]').textContent(), { timeout: 120_000 })
      .toMatch(new RegExp(`^${secondsOf(marks.aHeld + 50).replace('.', '\\.')} s to `));
    expect(await matchedShare('phaseAllocatesA')).toBeGreaterThan(80);
    expect(await topAllocator()).toContain('phaseAllocatesA');

    await page.locator('[data-role="temporal-reset"]').click();
    await expect
      .poll(() => page.locator('[data-role="temporal-status"]').textContent(), { timeout: 120_000 })
      .toMatch(/^the whole run: /);
    expect(await matchedShare('phaseAllocatesA')).toBeGreaterThan(80);

    // A drag released outside the chart is dropped: the shade goes back to the range in force.
    await measureChart();
    y = chartMiddle();
    await page.mouse.move(xOf(end / 4), y);
    await page.mouse.down();
    await page.mouse.move(xOf(end / 2), y, { steps: 3 });
    // The shade is drawn on the next animation frame: poll (a loaded machine may take a while).
    await expect
      .poll(async () => Number(await page.locator('[data-role="range"]').getAttribute('width')), {
        timeout: 120_000,
      })
      .toBeGreaterThan(10);
    await page.mouse.move(chart.x + chart.width / 2, chart.y - 150, { steps: 3 });
    await page.mouse.up();
    await page.mouse.move(xOf((3 * end) / 4), y, { steps: 3 });
    await expect
      .poll(() => page.locator('[data-role="range"]').getAttribute('width'), { timeout: 120_000 })
      .toBe('0');
    await expect
      .poll(() => page.locator('[data-role="temporal-status"]').textContent(), { timeout: 120_000 })
      .toMatch(/^the whole run: /);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.requests).toEqual([]);
    await page.close();
    // The two phases hold until snapshots land in each; on a loaded machine that takes a while.
  }, 300_000);
});
