import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { NginxLayout } from './layout.js';
import type { ConfigTest } from './nginx-binary.js';

/** A vhost file moved to conf/sites-held/ and nginx's complaint about it. */
export interface HeldFile {
  file: string;
  message: string;
}

/**
 * At start, one vhost that nginx now rejects (a log path in the way, a changed nginx) must not
 * keep every other site offline. Sites that fail `nginx -t` are moved to conf/sites-held/ and
 * returned; held files are tried again at every start, so a repaired machine heals.
 */
export async function setAsideBrokenSites(
  layout: NginxLayout,
  test: () => Promise<ConfigTest>,
): Promise<HeldFile[]> {
  const held = layout.sitesHeldDir;
  await mkdir(held, { recursive: true });
  for (const file of await confFiles(held)) {
    // A file written since (the reconciler re-applied the site) is newer than the held one.
    const current = await stat(path.join(layout.sitesDir, file)).catch(() => undefined);
    if (current) await rm(path.join(held, file));
    else await rename(path.join(held, file), path.join(layout.sitesDir, file));
  }
  if ((await test()).ok) return [];

  const files = await confFiles(layout.sitesDir);
  for (const file of files) await rename(path.join(layout.sitesDir, file), path.join(held, file));
  const baseline = await test();
  if (!baseline.ok) {
    for (const file of files) await rename(path.join(held, file), path.join(layout.sitesDir, file));
    throw new Error(`nginx configuration check failed without any website: ${baseline.message}`);
  }
  const rejected: HeldFile[] = [];
  for (const file of files) {
    await rename(path.join(held, file), path.join(layout.sitesDir, file));
    const check = await test();
    if (!check.ok) {
      await rename(path.join(layout.sitesDir, file), path.join(held, file));
      rejected.push({ file, message: check.message });
    }
  }
  return rejected;
}

/** What a website whose vhost is set aside shows as its provisioning error. */
export function heldError(message: string): string {
  return `nginx rejected the site's vhost, so it is set aside (conf/sites-held) for the other sites to go live: ${message}`;
}

/** Moves one vhost out of nginx's sight into conf/sites-held/, replacing an older held copy. */
export async function holdAside(layout: NginxLayout, file: string): Promise<void> {
  await mkdir(layout.sitesHeldDir, { recursive: true });
  await rename(path.join(layout.sitesDir, file), path.join(layout.sitesHeldDir, file));
}

/** A site Keel has written anew is no longer held: its old rejected copy has served its purpose. */
export async function dropHeldCopy(layout: NginxLayout, file: string): Promise<void> {
  await rm(path.join(layout.sitesHeldDir, file), { force: true });
}

/** Every vhost file (`*.conf`) in a directory, in the order nginx's include reads them. */
export async function confFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return entries.filter((file) => file.endsWith('.conf')).sort();
}
