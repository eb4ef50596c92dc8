import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { reportOnFailure } from './failure-report.js';

export const chromiumPath = '/usr/bin/chromium';

/** Browser tests run when Debian's Chromium is installed; in CI its absence is a failure. */
export const skipBrowserTests = !existsSync(chromiumPath) && !process.env.CI;
if (skipBrowserTests) {
  console.warn(
    `SKIPPING the browser (e2e) tests: ${chromiumPath} is missing. Install it with: apt-get install -y chromium`,
  );
}

// Every run's pictures, for looking into a failure; git-ignored. The reviewed set under
// test/e2e/screenshots is taken on purpose only (`npm run screenshots`).
const screenshotDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'test-results', 'e2e');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
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

type ContextOptions = { width?: number; height?: number; colorScheme?: 'light' | 'dark' };

/** A fresh browser profile (cookies and all) looking at Keel. */
export async function openKeel(browser: Browser, baseURL: string, options: ContextOptions = {}) {
  const context: BrowserContext = await browser.newContext({
    baseURL,
    viewport: { width: options.width ?? 1280, height: options.height ?? 800 },
    colorScheme: options.colorScheme ?? 'light',
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  reportOnFailure(page);
  return { context, page };
}

// Ends every transition at once: axe reads a dialog or toast caught mid-fade as text of too low
// a contrast, and on a loaded machine no fixed wait is long enough for the fades to finish.
const stillFrames = '*, *::before, *::after { transition: none !important; animation: none !important; }';

/** Runs axe on what the page shows now; serious or critical violations fail the test. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const style = await page.addStyleTag({ content: stillFrames });
  const result = await analyzeFrame(page).finally(() => style.evaluate((node) => (node as Element).remove()));
  const blocking = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (blocking.length > 0) {
    const report = blocking
      .map(
        (v) =>
          `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes
            .slice(0, 4)
            .map((n) => `${n.target.join(' ')} ${n.any[0]?.message ?? ''}`)
            .join('\n  ')}`,
      )
      .join('\n');
    throw new Error(`axe found serious problems on ${what}:\n${report}`);
  }
}

async function analyzeFrame(page: Page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  return new AxeBuilder({ page }).analyze();
}

/** Checks accessibility and saves a screenshot to test-results/e2e (git-ignored). */
export async function inspect(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}
