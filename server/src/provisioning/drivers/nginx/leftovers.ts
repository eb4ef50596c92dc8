import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { NginxLayout } from './layout.js';

// writeFileAtomic's temp files (.<name>.<random>.tmp) and the configurations of subset checks.
const TEMP_FILE = /^\..+\.tmp$/;

/**
 * Temporary files a killed Keel left in nginx's conf/ and conf/sites/, relative to the prefix.
 * nginx never reads them (its include takes *.conf only), but nothing else would remove them.
 */
export async function leftoverTempFiles(layout: NginxLayout): Promise<string[]> {
  const found: string[] = [];
  for (const dir of [path.dirname(layout.confFile), layout.sitesDir]) {
    const entries = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    for (const entry of entries.filter((name) => TEMP_FILE.test(name)).sort()) {
      found.push(path.relative(layout.prefix, path.join(dir, entry)));
    }
  }
  return found;
}

/**
 * Removes them. Only while no write of Keel's is in flight: at start, and inside the queue of
 * batches, through which every write to these directories goes.
 */
export async function removeLeftoverTempFiles(layout: NginxLayout): Promise<number> {
  const files = await leftoverTempFiles(layout);
  await Promise.all(files.map((file) => rm(path.join(layout.prefix, file), { force: true })));
  return files.length;
}
