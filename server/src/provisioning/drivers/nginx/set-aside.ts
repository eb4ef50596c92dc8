import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { NginxLayout } from './layout.js';
import type { ConfigTest } from './nginx-binary.js';

/**
 * At start, one vhost that nginx now rejects (a log path in the way, a changed nginx) must not
 * keep every other site offline. Sites that fail `nginx -t` are moved to conf/sites-held/ and
 * their ids returned; held files are tried again at every start, so a repaired machine heals.
 */
export async function setAsideBrokenSites(
  layout: NginxLayout,
  test: () => Promise<ConfigTest>,
): Promise<string[]> {
  const held = path.join(path.dirname(layout.sitesDir), 'sites-held');
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
  const rejected: string[] = [];
  for (const file of files) {
    await rename(path.join(held, file), path.join(layout.sitesDir, file));
    if (!(await test()).ok) {
      await rename(path.join(layout.sitesDir, file), path.join(held, file));
      rejected.push(file.slice(0, -'.conf'.length));
    }
  }
  return rejected;
}

async function confFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((file) => file.endsWith('.conf')).sort();
}
