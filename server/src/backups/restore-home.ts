import { chmod, chown, lstat, mkdir, rename, rm } from 'node:fs/promises';
import { homeDirectory } from '../provisioning/drivers/files/customer-homes.js';
import { canChown } from '../provisioning/drivers/files/home-owner.js';
import { type ResticRepository, restic } from './restic.js';

/**
 * Puts the customer's home back exactly as the snapshot holds it: restored beside the home, then
 * swapped in by rename, so files made since are gone too and nginx never serves a half-restored
 * site. The home keeps its owner and mode.
 */
export async function restoreHome(
  repository: ResticRepository,
  homesDir: string,
  customerId: string,
  snapshotId: string,
) {
  const home = homeDirectory(homesDir, customerId);
  const staging = `${home}.restoring`;
  const replaced = `${home}.replaced`;
  await rm(staging, { recursive: true, force: true });
  await rm(replaced, { recursive: true, force: true });
  await mkdir(staging, { mode: 0o700 });
  try {
    await restic(repository, ['restore', snapshotId, '--target', staging]);
    const current = await lstat(home).catch(() => undefined);
    if (current) {
      if (canChown()) await chown(staging, current.uid, current.gid);
      await chmod(staging, current.mode & 0o7777);
      await rename(home, replaced);
    }
    await rename(staging, home);
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(replaced, { recursive: true, force: true });
  }
}
