import { chmod, chown, lstat, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { canChown } from '../provisioning/drivers/files/home-owner.js';
import { type ResticRepository, restic } from './restic.js';

/**
 * Puts a directory (a customer's home, a mailbox's store) back exactly as the snapshot holds it:
 * restored beside it, then swapped in by rename, so files made since are gone too (a message
 * restored twice is not there twice) and nothing reads it half-restored. It keeps its owner and
 * mode; one that was not there (a mailbox moved to a server that never stored its mail) gets
 * its parent's owner and mode 0700, as the service that reads it would have made it.
 */
export async function restoreDirectory(repository: ResticRepository, dir: string, snapshotId: string) {
  const staging = `${dir}.restoring`;
  const replaced = `${dir}.replaced`;
  await rm(staging, { recursive: true, force: true });
  await rm(replaced, { recursive: true, force: true });
  await mkdir(staging, { mode: 0o700 });
  try {
    await restic(repository, ['restore', snapshotId, '--target', staging]);
    const current = await lstat(dir).catch(() => undefined);
    const owner = current ?? (await lstat(path.dirname(dir)));
    if (canChown()) await chown(staging, owner.uid, owner.gid);
    await chmod(staging, current ? current.mode & 0o7777 : 0o700);
    if (current) await rename(dir, replaced);
    await rename(staging, dir);
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(replaced, { recursive: true, force: true });
  }
}
