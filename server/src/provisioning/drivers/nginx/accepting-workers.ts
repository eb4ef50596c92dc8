import { readFile } from 'node:fs/promises';
import { nginxProcessesInGroup } from './process-group.js';

/**
 * On a reload nginx's master starts workers with the new configuration, then tells the old ones
 * to quit. Until an old worker has read that, it still accepts connections on the listening
 * sockets all workers share, and answers them with the configuration before: a suspended site
 * still passed to its PHP pool, already gone (502). Once it has, its title says so and it
 * accepts nothing more, only finishing the requests it holds.
 */

/** A worker known by its pid and start time, so a pid the kernel later hands on is not taken for it. */
export interface NginxWorker {
  pid: number;
  startTime: string;
}

const ACCEPTING = 'nginx: worker process';

/** Its start time (/proc/<pid>/stat's 22nd field) while it lives; undefined once exited or a zombie. */
async function startTimeOf(pid: number): Promise<string | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  // Format: pid (comm) state ppid …; comm may itself hold spaces or parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (stat === '' || fields[0] === 'Z' || fields[0] === 'X') return undefined;
  return fields[19];
}

/** The process title nginx set (it overwrites its command line with it). */
async function titleOf(pid: number): Promise<string> {
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return (cmdline.split('\0')[0] ?? '').trimEnd();
}

async function accepting(worker: NginxWorker): Promise<boolean> {
  if ((await startTimeOf(worker.pid)) !== worker.startTime) return false;
  return (await titleOf(worker.pid)) === ACCEPTING;
}

/** The master's children: one read where the kernel lists them, else its process group. */
async function childrenOf(master: number): Promise<number[]> {
  const listed = await readFile(`/proc/${master}/task/${master}/children`, 'utf8').catch(() => undefined);
  if (listed !== undefined) return listed.split(' ').filter(Boolean).map(Number);
  // A kernel built without CONFIG_PROC_CHILDREN: Keel starts nginx as the leader of its own group.
  return (await nginxProcessesInGroup(master)).filter((pid) => pid !== master);
}

/** The workers of `master` that accept connections now (not those already shutting down). */
export async function acceptingWorkers(master: number): Promise<NginxWorker[]> {
  const found: NginxWorker[] = [];
  for (const pid of await childrenOf(master)) {
    const startTime = await startTimeOf(pid);
    if (startTime !== undefined && (await accepting({ pid, startTime }))) found.push({ pid, startTime });
  }
  return found;
}

/**
 * Waits until `master` has a worker that accepts connections, and answers its workers then (none
 * when `timeoutMs` passed first). nginx starts its workers once it has entered its signal loop;
 * before, as right after it started, a SIGHUP only sets a flag that the loop reads when the next
 * signal wakes it, so a reload sent then is not done until something else signals the master.
 */
export async function untilAccepting(master: number, timeoutMs: number): Promise<NginxWorker[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const workers = await acceptingWorkers(master);
    if (workers.length > 0 || Date.now() > deadline) return workers;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Waits until none of `workers` accepts connections any more (each exited or shutting down);
 * answers those that still do when `timeoutMs` has passed, none when all let go.
 */
export async function untilStoppedAccepting(
  workers: readonly NginxWorker[],
  timeoutMs: number,
): Promise<NginxWorker[]> {
  const deadline = Date.now() + timeoutMs;
  let left = [...workers];
  for (;;) {
    const still = await Promise.all(left.map((worker) => accepting(worker)));
    left = left.filter((_, index) => still[index]);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
