/**
 * Test helper: a real headless Chromium (Debian's /usr/bin/chromium, FOUNDRY_CHROMIUM overrides it) driven by
 * playwright-core. `withBrowser` launches it and always closes it (finally), `openFile` opens a local file
 * with every non-file request blocked and recorded, and collects console errors and page errors.
 * Test-only code; never downloads a browser.
 */
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.FOUNDRY_CHROMIUM ?? '/usr/bin/chromium';

const LAUNCH_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/** Runs `fn` with a fresh headless Chromium, closed afterwards whatever happens. */
export async function withBrowser<T>(fn: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: LAUNCH_ARGS });
  try {
    return await fn(browser);
  } finally {
    await browser.close();
  }
}

/** What a page did while it loaded. */
export interface PageLog {
  /** console.error messages (including CSP violations and failed loads). */
  readonly consoleErrors: string[];
  /** Uncaught exceptions. */
  readonly pageErrors: string[];
  /** Every request to a non-file URL (all of them were blocked). */
  readonly networkRequests: string[];
}

export interface OpenedPage {
  readonly page: Page;
  readonly log: PageLog;
}

function isLocal(url: string): boolean {
  return url.startsWith('file:') || url.startsWith('data:') || url === 'about:blank';
}

/** Opens `filePath` (file:// URL) in a new context; non-file requests are aborted and recorded. */
export async function openFile(browser: Browser, filePath: string, viewport = { width: 1280, height: 900 }): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport, offline: true });
  const log: PageLog = { consoleErrors: [], pageErrors: [], networkRequests: [] };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLocal(url)) await route.continue();
    else {
      log.networkRequests.push(url);
      await route.abort('blockedbyclient');
    }
  });
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error') log.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => log.pageErrors.push(String(e)));
  page.on('request', (r) => {
    const url = r.url();
    if (!isLocal(url) && !log.networkRequests.includes(url)) log.networkRequests.push(url);
  });
  await page.goto(pathToFileURL(filePath).href, { waitUntil: 'load' });
  return { page, log };
}
