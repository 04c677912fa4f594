import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchHeadlessChromium, watchPage } from '../../../test-support/headless-chromium';
import { Deck } from '../src/decks/deck';
import { renderDeckHtml } from '../src/decks/render-deck-html';

const outputDirectory = resolve(fileURLToPath(new URL('.', import.meta.url)), '../.test-output');
let browser: Browser;

beforeAll(async () => {
  browser = await launchHeadlessChromium();
});
afterAll(async () => browser?.close());

// A report that, like our real ones, draws only once its element has a size.
const lazyReport = `<div class="lazy-report" style="width:100%;height:120px"></div><script>
(function(){var root=document.currentScript.previousElementSibling;var drawn=false;
new ResizeObserver(function(){if(drawn||root.clientWidth===0)return;drawn=true;
root.innerHTML='<svg width="'+root.clientWidth+'" height="100"><rect width="50" height="50" fill="purple"/></svg>';
root.setAttribute('data-drawn-width',String(root.clientWidth));}).observe(root);})();</script>`;

describe('deck.html in headless Chromium', () => {
  it('switches tabs, draws a hidden report when shown, escapes names, and needs no network', async () => {
    const html = renderDeckHtml([
      new Deck('Timeline', '<p>first</p>', { autoAddToDeck: false }),
      new Deck('<img src=x onerror="window.__pwned=1">', '<p>named</p>', { autoAddToDeck: false }),
      new Deck('Report', lazyReport, { autoAddToDeck: false }),
    ]);
    const file = join(mkdtempSync(join(tmpdir(), 'deck-')), 'deck.html');
    writeFileSync(file, html);
    const page = await browser.newPage({ viewport: { width: 1000, height: 700 } });
    const problems = await watchPage(page);
    await page.goto(`file://${file}`);

    const tabs = page.locator('#flyte-frame-tabs li');
    expect(await tabs.allTextContents()).toEqual([
      'Timeline',
      '<img src=x onerror="window.__pwned=1">',
      'Report',
    ]);
    expect(await page.locator('#flyte-frame-container > div.active').textContent()).toBe('first');
    expect(await page.locator('.lazy-report').getAttribute('data-drawn-width')).toBeNull();

    await page.evaluate(() => {
      (window as unknown as { shown: number[] }).shown = [];
      window.addEventListener('tasklens:deck-tab-shown', (event) =>
        (window as unknown as { shown: number[] }).shown.push((event as CustomEvent).detail.index),
      );
    });
    await tabs.nth(2).click();
    await page.waitForFunction(
      () => document.querySelector('.lazy-report')?.getAttribute('data-drawn-width') !== null,
    );
    expect(Number(await page.locator('.lazy-report').getAttribute('data-drawn-width'))).toBeGreaterThan(500);
    expect(await page.evaluate(() => (window as unknown as { shown: number[] }).shown)).toEqual([3]);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    await tabs.nth(1).focus();
    await page.keyboard.press('Enter');
    expect(await page.locator('#flyte-frame-container > div.active').textContent()).toBe('named');

    mkdirSync(outputDirectory, { recursive: true });
    await tabs.nth(2).click();
    await page.screenshot({ path: join(outputDirectory, 'deck-report-tab.png') });
    expect(problems).toEqual({ consoleErrors: [], dialogs: [], requests: [] });
    await page.close();
  });
});
