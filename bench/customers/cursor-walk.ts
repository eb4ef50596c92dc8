import { performance } from 'node:perf_hooks';
import { getJson } from './http-client.js';
import { machineCpuMs } from './keel-process.js';
import { type Latency, latencyOf } from './latency.js';

export interface CursorWalk {
  /** Customers read and pages requested from the first page to the last. */
  customers: number;
  pages: number;
  seconds: number;
  /** One page's time through the API. */
  page: Latency;
  /**
   * CPU time per page, in ms: Keel's process, this client's (the requests and reading them), and
   * the whole machine's (every process and the kernel, PostgreSQL among them). On two cores a
   * page cannot take less than half the machine's figure.
   */
  cpuPerPage: { keel: number; client: number; machine: number };
}

const perPage = 100;

/**
 * What a billing system mirroring every customer does (issue 17): the whole list, 100 per page,
 * each page asked with the previous page's `nextCursor`, one request after another.
 */
export async function walkByCursor(
  listUrl: string,
  cookie: string,
  keelCpuMs: () => Promise<number>,
): Promise<CursorWalk> {
  const durations: number[] = [];
  let customers = 0;
  let after: string | null = null;
  const cpuBefore = { keel: await keelCpuMs(), client: process.cpuUsage(), machine: await machineCpuMs() };
  const started = performance.now();
  do {
    const url: string = `${listUrl}?perPage=${perPage}${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    const pageStarted = performance.now();
    const page: { items: unknown[]; nextCursor: string | null } = await getJson(url, cookie);
    durations.push(performance.now() - pageStarted);
    customers += page.items.length;
    after = page.nextCursor;
  } while (after);
  const seconds = (performance.now() - started) / 1000;
  const pages = durations.length;
  const client = process.cpuUsage(cpuBefore.client);
  return {
    customers,
    pages,
    seconds,
    page: latencyOf(durations),
    cpuPerPage: {
      keel: ((await keelCpuMs()) - cpuBefore.keel) / pages,
      client: (client.user + client.system) / 1000 / pages,
      machine: ((await machineCpuMs()) - cpuBefore.machine) / pages,
    },
  };
}
