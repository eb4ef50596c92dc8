import { readdir, readFile } from 'node:fs/promises';

/** What a group of processes holds in memory, summed over them, from /proc. */
export interface Memory {
  processes: number;
  /** Resident set: pages shared between the processes count once per process. */
  rssKb: number;
  /** Proportional set: each shared page divided among its sharers, so the sum is the real cost. */
  pssKb: number;
}

const kbOf = (rollup: string, field: string) =>
  Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1] ?? 0);

/**
 * Every process of the process group `leader` leads: Keel's php-fpm master and its workers, and
 * nothing of another php-fpm on the machine. A process that ends while it is read counts as gone.
 */
export async function memoryOfGroup(leader: number): Promise<Memory> {
  const total: Memory = { processes: 0, rssKb: 0, pssKb: 0 };
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    // The process group is the 5th field of stat, after the name in parentheses.
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const group = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
    if (group !== leader) continue;
    const rollup = await readFile(`/proc/${entry}/smaps_rollup`, 'utf8').catch(() => undefined);
    if (rollup === undefined) continue;
    total.processes += 1;
    total.rssKb += kbOf(rollup, 'Rss');
    total.pssKb += kbOf(rollup, 'Pss');
  }
  return total;
}

/** The php-fpm master whose command line names `confFile`: php-fpm titles it so. */
export async function masterOf(confFile: string): Promise<number> {
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const command = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (command.startsWith('php-fpm: master process') && command.includes(confFile)) return Number(entry);
  }
  throw new Error(`no php-fpm master runs ${confFile}`);
}
