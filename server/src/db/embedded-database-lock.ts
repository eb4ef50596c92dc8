import { randomBytes } from 'node:crypto';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { processExists } from '../process-exists.js';

/** Which process holds the lock: its pid, and when it started, so a reused pid is not mistaken for it. */
interface LockHolder {
  pid: number;
  /** The process's start time in clock ticks since boot, with the boot it belongs to (Linux). */
  started: string | null;
}

export class EmbeddedDatabaseInUseError extends Error {
  constructor(directory: string, holder: LockHolder) {
    super(
      `the embedded database in ${directory} is open in another Keel process (pid ${holder.pid}); ` +
        'stop that process first: two processes writing the same database corrupt it',
    );
  }
}

async function bootId(): Promise<string | null> {
  return readFile('/proc/sys/kernel/random/boot_id', 'utf8').then(
    (id) => id.trim(),
    () => null,
  );
}

/** Field 22 of /proc/<pid>/stat; the name before it may hold spaces, so count from its ")". */
async function startTicks(pid: number): Promise<string | null> {
  return readFile(`/proc/${pid}/stat`, 'utf8').then(
    (stat) => stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null,
    () => null,
  );
}

async function startedOf(pid: number): Promise<string | null> {
  const [boot, ticks] = await Promise.all([bootId(), startTicks(pid)]);
  return boot && ticks ? `${boot}/${ticks}` : null;
}

async function isRunning(holder: LockHolder): Promise<boolean> {
  if (!Number.isInteger(holder.pid) || holder.pid < 1 || !processExists(holder.pid)) return false;
  // Where /proc tells start times, a process of that pid started at another time (or before a
  // reboot) is not the holder: pids are reused.
  const started = await startedOf(holder.pid);
  return started === null || holder.started === null || started === holder.started;
}

const nobody: LockHolder = { pid: 0, started: null };

async function readHolder(path: string): Promise<LockHolder | null> {
  try {
    const holder = JSON.parse(await readFile(path, 'utf8')) as Partial<LockHolder> | null;
    return typeof holder?.pid === 'number' ? { pid: holder.pid, started: holder.started ?? null } : nobody;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    // Not a lock Keel wrote: every holder writes its file whole before linking it.
    return nobody;
  }
}

/** Links the whole lock file into place; false when another is already there. */
async function linked(draft: string, path: string): Promise<boolean> {
  try {
    await link(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * PGlite is PostgreSQL without its postmaster, so nothing stops a second process from opening the
 * same data directory, and two PostgreSQLs writing the same files corrupt them: a Keel started
 * while the last one was still stopping left a database whose next sign-in spun forever. The lock
 * file beside the directory names the process holding it; a lock whose process is gone (killed,
 * crashed, the machine restarted) is taken over, so no operator ever removes it by hand. It is a
 * file the holder writes whole before linking it into place, so a reader never sees half of one;
 * flock would be simpler but Node.js has none.
 */
export async function lockEmbeddedDatabase(directory: string): Promise<{ release(): Promise<void> }> {
  const path = `${directory}.lock`;
  const holder: LockHolder = { pid: process.pid, started: await startedOf(process.pid) };
  const content = JSON.stringify(holder);
  const draft = `${path}.${randomBytes(6).toString('hex')}`;
  await writeFile(draft, content, { mode: 0o600 });
  try {
    for (let attempt = 1; !(await linked(draft, path)); attempt++) {
      const current = await readHolder(path);
      if (current && (await isRunning(current))) throw new EmbeddedDatabaseInUseError(directory, current);
      if (attempt === 3) throw new Error(`could not take ${path}: other processes keep replacing it`);
      // Left by a process that is gone: taken over. Whoever links first then holds it.
      if (current) await unlink(path).catch(() => undefined);
    }
  } finally {
    await unlink(draft).catch(() => undefined);
  }
  return {
    async release() {
      const current = await readFile(path, 'utf8').catch(() => null);
      if (current === content) await unlink(path);
    },
  };
}
