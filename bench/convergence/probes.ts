import mysql from 'mysql2/promise';
import { parseAdminUrl } from '../../server/src/provisioning/drivers/mariadb/admin-url.js';
import { get } from '../../test/services/helpers.js';

export interface DatabaseAccount {
  name: string;
  user: string;
  password: string;
}

/** MariaDB's ER_ACCOUNT_HAS_BEEN_LOCKED: what a suspended customer's database user must get. */
export const accountLocked = 4151;

/** What a visitor of a site and a client of a database see, asked of the services themselves. */
export interface Probes {
  siteAnswers(domain: string, status: number): Promise<boolean>;
  accountIs(account: DatabaseAccount, state: 'locked' | 'open'): Promise<boolean>;
}

/** Whether the site answers `status` on the nginx at `webPort`. */
const siteAnswers = async (webPort: number, domain: string, status: number) =>
  (await get(webPort, domain)).status === status;

export function probesFor(webPort: number, mariadbUrl: string): Probes {
  // The customer's clients reach MariaDB where Keel's admin connection does (socket or host).
  const { socketPath, host, port } = parseAdminUrl(mariadbUrl);
  const login = async (account: DatabaseAccount): Promise<true | number> => {
    try {
      const connection = await mysql.createConnection({
        socketPath,
        host,
        port,
        user: account.user,
        password: account.password,
        database: account.name,
      });
      await connection.end();
      return true;
    } catch (error) {
      return (error as { errno?: number }).errno ?? -1;
    }
  };
  return {
    siteAnswers: (domain, status) => siteAnswers(webPort, domain, status),
    accountIs: async (account, state) =>
      (await login(account)) === (state === 'locked' ? accountLocked : true),
  };
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 10));

/**
 * Milliseconds from `since` until every item has reached its state. Polling must not slow down
 * what it measures (the reconciler shares this process and, with PGlite, its thread), so each
 * round asks only the first item still missing, and the others once that one is there. A full
 * round confirms the end: nginx's old workers answer for a moment after a reload.
 */
export async function millisecondsUntil<Item>(
  since: number,
  items: readonly Item[],
  reached: (item: Item) => Promise<boolean>,
  timeoutMs: number,
): Promise<number> {
  const stillMissing = async (among: readonly Item[]) => {
    const answers = await Promise.all(among.map(reached));
    return among.filter((_, index) => !answers[index]);
  };
  let missing = [...items];
  for (;;) {
    const [first, ...others] = missing;
    if (first === undefined) {
      const elapsed = performance.now() - since;
      missing = await stillMissing(items);
      if (missing.length === 0) return elapsed;
    } else if (await reached(first)) {
      missing = await stillMissing(others);
      continue;
    }
    if (performance.now() - since > timeoutMs) {
      throw new Error(
        `not converged after ${timeoutMs} ms: ${missing.length} of ${items.length} still missing`,
      );
    }
    await pause();
  }
}

/** Groups of sites probed one after another, so thousands of sites never mean thousands of open connections. */
function groupsOf<T>(items: readonly T[], size: number): T[][] {
  const groups: T[][] = [];
  for (let from = 0; from < items.length; from += size) groups.push(items.slice(from, from + size));
  return groups;
}

/** Milliseconds from `since` until every one of `domains` answers `status` on the nginx at `webPort`. */
export function millisecondsUntilSitesAnswer(
  webPort: number,
  domains: readonly string[],
  status: number,
  since: number,
  timeoutMs: number,
): Promise<number> {
  const groupAnswers = async (group: string[]) => {
    for (const domain of group) if (!(await siteAnswers(webPort, domain, status))) return false;
    return true;
  };
  return millisecondsUntil(since, groupsOf(domains, 100), groupAnswers, timeoutMs);
}
