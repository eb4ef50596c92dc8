import { performance } from 'node:perf_hooks';
import { getJson } from './http-client.js';
import { type Latency, latencyOf } from './latency.js';

export interface CursorWalk {
  /** Customers read and pages requested from the first page to the last. */
  customers: number;
  pages: number;
  seconds: number;
  /** One page's time through the API. */
  page: Latency;
}

const perPage = 100;

/**
 * What a billing system mirroring every customer does (issue 17): the whole list, 100 per page,
 * each page asked with the previous page's `nextCursor`, one request after another.
 */
export async function walkByCursor(listUrl: string, cookie: string): Promise<CursorWalk> {
  const durations: number[] = [];
  let customers = 0;
  let after: string | null = null;
  const started = performance.now();
  do {
    const url: string = `${listUrl}?perPage=${perPage}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    const pageStarted = performance.now();
    const page: { items: unknown[]; nextCursor: string | null } = await getJson(url, cookie);
    durations.push(performance.now() - pageStarted);
    customers += page.items.length;
    after = page.nextCursor;
  } while (after);
  return {
    customers,
    pages: durations.length,
    seconds: (performance.now() - started) / 1000,
    page: latencyOf(durations),
  };
}
