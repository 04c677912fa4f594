// The core decks of a real task run (Timeline, Source Code, Dependencies, Input, Output), checked
// in Debian's Chromium at a desktop (1280 px) and a phone (390 px) width; screenshots are kept in
// packages/core/.test-output/ as test output.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchHeadlessChromium, watchPage } from '../../../test-support/headless-chromium';
import { createLocalContext } from '../src/context/create-local-context';
import { renderDeckHtml } from '../src/decks/render-deck-html';
import { task } from '../src/task/task';
import { types } from '../src/types/types';

const outputDirectory = resolve(fileURLToPath(new URL('.', import.meta.url)), '../.test-output');
let browser: Browser;
let html: string;

beforeAll(async () => {
  const train = task(
    {
      name: 'demo.train',
      inputs: { rows: types.integer(), learningRate: types.float() },
      outputs: types.float(),
      enableDeck: true,
      deckFields: ['Timeline', 'Source Code', 'Dependencies', 'Input', 'Output'],
    },
    async function train({ rows, learningRate }: { rows: number; learningRate: number }) {
      return rows * learningRate + 0.00001569589337;
    },
  );
  const context = createLocalContext({ taskName: 'demo.train', enableDeck: true });
  await train.execute(context, { rows: 800, learningRate: 0.1 });
  html = renderDeckHtml(context.decks);
  browser = await launchHeadlessChromium();
});
afterAll(async () => browser?.close());

describe('core decks at desktop and phone widths', () => {
  test.each([1280, 390])('at %i px every tab fits the width; numbers are for people', async (width) => {
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    const problems = await watchPage(page);
    await page.setContent(html, { waitUntil: 'load' });
    mkdirSync(outputDirectory, { recursive: true });
    const tabs = page.locator('#flyte-frame-tabs li');
    const names = await tabs.allTextContents();
    expect(names).toEqual(['Timeline', 'Source Code', 'Dependencies', 'Input', 'Output']);
    for (let index = 0; index < names.length; index++) {
      await tabs.nth(index).click();
      // The page never scrolls sideways; wide content (code, JSON) scrolls inside its own block.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${names[index]} at ${width} px`).toBeLessThanOrEqual(0);
      const file = `core-deck-${names[index]!.toLowerCase().replace(/\s+/g, '-')}-${width}px.png`;
      await page.screenshot({ path: join(outputDirectory, file), fullPage: true });
    }
    // Output: 80.00001569589337 shows as 80.00002, exact on hover and in the copyable block.
    const output = page.locator('#flyte-frame-container > div.active');
    const rounded = output.locator('span[title="80.00001569589337"]');
    expect(await rounded.textContent()).toBe('80.00002');
    expect(await output.locator('details pre').textContent()).toBe('80.00001569589337');
    expect(problems).toEqual({ consoleErrors: [], dialogs: [], requests: [] });
    await page.close();
  });
});
