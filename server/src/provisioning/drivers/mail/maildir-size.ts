import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

const missing = (error: NodeJS.ErrnoException) => {
  // A message moved (new → cur) or expunged while being counted, or a store not made yet.
  if (error.code === 'ENOENT') return undefined;
  throw error;
};

/**
 * The bytes a Maildir's messages take: every file in a `cur` or `new` directory, in the inbox
 * and in every folder (`.Sent/cur` …). Dovecot's own index and cache files are not mail.
 */
export async function maildirBytes(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(missing);
  if (!entries) return 0;
  let bytes = 0;
  for (const entry of entries) {
    if (!entry.isDirectory()) continue;
    const child = path.join(dir, entry.name);
    if (entry.name === 'cur' || entry.name === 'new') bytes += await filesBytes(child);
    else if (entry.name.startsWith('.')) bytes += await maildirBytes(child);
  }
  return bytes;
}

async function filesBytes(dir: string): Promise<number> {
  const names = (await readdir(dir).catch(missing)) ?? [];
  let bytes = 0;
  for (const name of names) bytes += (await stat(path.join(dir, name)).catch(missing))?.size ?? 0;
  return bytes;
}
