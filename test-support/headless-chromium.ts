import { type Browser, chromium, type Page } from 'playwright-core';

/**
 * Debian's Chromium (never a downloaded browser), headless, with the flags this machine needs:
 * no sandbox as root, and no background networking (the network is closed, and a report must
 * not need it anyway). `CHROMIUM_PATH` overrides the binary.
 */
export function launchHeadlessChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** What a page did that a self-contained report must not: errors, dialogs, requests off `file://`. */
export interface PageProblems {
  consoleErrors: string[];
  dialogs: string[];
  requests: string[];
}

/**
 * Records console errors, page errors, dialogs (dismissed) and every request that is not a
 * `file://` load. Non-file requests are also aborted, so a report that tries the network fails
 * visibly instead of hanging.
 */
export async function watchPage(page: Page): Promise<PageProblems> {
  const problems: PageProblems = { consoleErrors: [], dialogs: [], requests: [] };
  await page.route(
    (url) => url.protocol !== 'file:',
    (route) => {
      problems.requests.push(route.request().url());
      return route.abort();
    },
  );
  page.on('console', (message) => {
    if (message.type() === 'error') problems.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => problems.consoleErrors.push(String(error)));
  page.on('dialog', (dialog) => {
    problems.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return problems;
}
