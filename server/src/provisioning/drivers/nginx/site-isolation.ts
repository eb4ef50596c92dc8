import path from 'node:path';
import { isUuid } from '../../../contract/ids.js';
import type { ConfigTest } from './nginx-binary.js';

/** `nginx -t` on a configuration that includes only the given files of conf/sites. */
export type SubsetTest = (siteFiles: readonly string[]) => Promise<ConfigTest>;

/** A vhost file that makes `nginx -t` fail, and nginx's complaint about it. */
export interface Rejection {
  file: string;
  message: string;
}

/**
 * Finds one vhost among `files` (all of conf/sites, which fail together with `message`) that
 * nginx rejects. nginx stops at the first error and usually names the file and line, or a path
 * of the site such as its log: such a file is tried first, and counts as found when leaving it
 * out makes the check pass or fail elsewhere. Otherwise the files are bisected for the shortest
 * prefix that fails, whose last file is at fault. Undefined when the configuration fails even
 * without any site: the fault is not in a vhost.
 */
export async function findRejectedFile(
  test: SubsetTest,
  sitesDir: string,
  files: readonly string[],
  message: string,
): Promise<Rejection | undefined> {
  for (const file of files.filter((candidate) => names(message, sitesDir, candidate))) {
    const without = await test(files.filter((other) => other !== file));
    if (without.ok || without.message !== message) return { file, message };
  }
  if (!(await test([])).ok) return undefined;
  const all = await test(files);
  if (all.ok) return undefined;
  // Invariant: the first `passing` files pass, the first `failing` files fail.
  let passing = 0;
  let failing = files.length;
  let complaint = all.message;
  while (failing - passing > 1) {
    const middle = Math.floor((passing + failing) / 2);
    const check = await test(files.slice(0, middle));
    if (check.ok) passing = middle;
    else {
      failing = middle;
      complaint = check.message;
    }
  }
  const file = files[failing - 1];
  return file === undefined ? undefined : { file, message: complaint };
}

/** Does nginx's complaint name this vhost: its path, or (Keel's files) the website id in a path? */
function names(message: string, sitesDir: string, file: string): boolean {
  const id = file.slice(0, -'.conf'.length);
  return message.includes(path.join(sitesDir, file)) || (isUuid(id) && message.includes(id));
}
