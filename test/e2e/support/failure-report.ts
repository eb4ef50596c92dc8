import type { Page } from 'playwright-core';
import { afterEach } from 'vitest';

/**
 * The pages the browser tests have open. When a test fails, what they showed is added to its
 * failure: the address, the title, the headings, the open dialogs and alerts. A failure on a
 * loaded CI machine is then explained by CI's own output, where only the error reaches.
 */
const openPages = new Set<Page>();

export function reportOnFailure(page: Page): void {
  openPages.add(page);
  page.once('close', () => openPages.delete(page));
}

async function whatItShows(page: Page): Promise<string> {
  const shown = await page.evaluate(() => {
    const visible = (element: Element) => (element as HTMLElement).offsetParent !== null;
    const texts = (selector: string) =>
      [...document.querySelectorAll(selector)]
        .filter(visible)
        .map((element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 160));
    return {
      title: document.title,
      headings: texts('h1, h2, h3'),
      dialogs: texts('[role="dialog"]'),
      alerts: texts('[role="alert"], [role="status"]'),
    };
  });
  return [
    `address: ${page.url()}`,
    `title: ${shown.title}`,
    `headings: ${JSON.stringify(shown.headings)}`,
    `dialogs: ${JSON.stringify(shown.dialogs)}`,
    `alerts: ${JSON.stringify(shown.alerts)}`,
  ].join('\n  ');
}

/** What the page shows, or why it could not be read within 5 s; the timer ends with the answer. */
async function reportOf(page: Page): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve('the page did not answer within 5 s'), 5_000);
  });
  try {
    return await Promise.race([whatItShows(page), late]);
  } catch (error) {
    return `the page could not be read: ${(error as Error).message}`;
  } finally {
    clearTimeout(timer);
  }
}

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail' || openPages.size === 0) return;
  const reports = await Promise.all([...openPages].map(reportOf));
  throw new Error(`When the test failed, the browser showed:\n  ${reports.join('\n  ---\n  ')}`);
});
