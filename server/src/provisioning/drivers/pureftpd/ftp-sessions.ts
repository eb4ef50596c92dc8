import { readdir, readFile, readlink } from 'node:fs/promises';
import { signal } from '../process/process-group.js';

const GONE_TIMEOUT_MS = 5_000;
const POLL_MS = 50;

/** A login's sessions: pure-ftpd runs each as the account's uid, chrooted into its directory. */
export interface SessionOwner {
  uid: number;
  directory: string;
}

/** Session processes of the pure-ftpd master `masterPid` running as `owner`. */
async function sessionsOf(masterPid: number, owner: SessionOwner): Promise<number[]> {
  const pids = (await readdir('/proc')).filter((entry) => /^\d+$/.test(entry)).map(Number);
  const found: number[] = [];
  for (const pid of pids) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
    const uid = Number(/^Uid:\s+(\d+)/m.exec(status)?.[1]);
    if (parent !== masterPid || uid !== owner.uid) continue;
    const root = await readlink(`/proc/${pid}/root`).catch(() => '');
    if (root === owner.directory) found.push(pid);
  }
  return found;
}

/**
 * Ends the open sessions of logins just taken out of the users file: pure-ftpd checks the file
 * only at login, so a session would otherwise outlive its account. Resolves once they are gone.
 */
export async function endSessions(masterPid: number, owners: readonly SessionOwner[]): Promise<void> {
  const deadline = Date.now() + GONE_TIMEOUT_MS;
  for (;;) {
    const open = (await Promise.all(owners.map((owner) => sessionsOf(masterPid, owner)))).flat();
    if (open.length === 0) return;
    if (Date.now() > deadline) throw new Error(`FTP sessions ${open.join(', ')} did not end`);
    for (const pid of open) signal(pid, 'SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
