import { readdir, readFile } from 'node:fs/promises';

/**
 * nginx's workers outlive a master killed with SIGKILL and keep the port open, so a restart
 * must first end them. Keel starts nginx as a process-group leader; these helpers find and end
 * the nginx processes of that group by reading /proc (a group id is never reused while members live,
 * and the name check keeps an unrelated group that later got the same id safe).
 */
/** Live nginx processes whose process group is `groupId`. */
export async function nginxProcessesInGroup(groupId: number): Promise<number[]> {
  const entries = await readdir('/proc');
  const found: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    // Format: pid (comm) state ppid pgrp …; comm may itself hold spaces or parentheses.
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    if (open < 0 || close < open) continue;
    const comm = stat.slice(open + 1, close);
    const fields = stat.slice(close + 2).split(' ');
    // Zombies (Z) hold no port and only wait for their new parent to reap them.
    const state = fields[0];
    if (comm === 'nginx' && Number(fields[2]) === groupId && state !== 'Z' && state !== 'X') {
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

/** SIGKILLs every nginx process left in the group and waits until they are gone. */
export async function killGroup(groupId: number, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pids = await nginxProcessesInGroup(groupId);
    if (pids.length === 0) return;
    if (Date.now() > deadline) throw new Error(`nginx processes ${pids.join(', ')} did not exit`);
    for (const pid of pids) signal(pid, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
