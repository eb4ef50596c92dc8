import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { processExists } from '../process-exists.js';

/** `host:pid:random`: which process runs a job, so its successor can tell it died. */
export const newRunnerId = () => `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;

/**
 * Whether a job's runner is gone: another incarnation in this process, or a process of this host
 * that no longer exists. With `sole` (embedded PGlite, one process only) any other runner is gone.
 */
export function runnerGone(runner: string | null, self: string, sole: boolean): boolean {
  if (runner === null) return true;
  if (runner === self) return false;
  if (sole) return true;
  const [host, pid] = runner.split(':');
  const [ownHost] = self.split(':');
  if (host !== ownHost) return false;
  return Number(pid) === process.pid || !processExists(Number(pid));
}
