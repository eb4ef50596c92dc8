import { readdir, readFile, rm } from 'node:fs/promises';

/**
 * A service's children can outlive a leader killed with SIGKILL (nginx's workers keep the port
 * open), so ending it means ending its whole group. Keel starts each service as a process-group
 * leader; these helpers find and end the processes of that group by reading /proc (a group id is
 * never reused while members live, and the name check keeps an unrelated group that later got
 * the same id safe).
 */

/** Live processes named `comm` (the kernel's name, at most 15 characters) in group `groupId`. */
export async function processesInGroup(groupId: number, comm: string): Promise<number[]> {
  const entries = await readdir('/proc');
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Format: pid (comm) state ppid pgrp …; comm may itself hold spaces or parentheses.
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    if (open < 0 || close < open) continue;
    const fields = stat.slice(close + 2).split(' ');
    // Zombies (Z) hold no port and only wait for their new parent to reap them.
    const state = fields[0];
    if (
      stat.slice(open + 1, close) === comm &&
      Number(fields[2]) === groupId &&
      state !== 'Z' &&
      state !== 'X'
    ) {
      found.push(Number(entry));
    }
  }
  return found;
}

export function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** SIGKILLs every process named `comm` left in the group and waits until they are gone. */
export async function killGroup(groupId: number, comm: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pids = await processesInGroup(groupId, comm);
    if (pids.length === 0) return;
    if (Date.now() > deadline) throw new Error(`${comm} processes ${pids.join(', ')} did not exit`);
    for (const pid of pids) signal(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A service left running by a Keel that was killed holds its port: end the group whose leader's
 * pid is in `pidFile`, unless that pid now belongs to a process whose command line lacks
 * `commandMarker` (Keel's config path for the service), i.e. to something else.
 */
export async function endLeftoverGroup(pidFile: string, commandMarker: string, comm: string): Promise<void> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 1) return;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (cmdline !== '' && !cmdline.includes(commandMarker)) return;
  await killGroup(pid, comm);
  await rm(pidFile, { force: true });
}
