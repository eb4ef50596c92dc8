import { randomBytes } from 'node:crypto';
import { open, readFile, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface AtomicWrite {
  mode?: number;
  modified?: Date;
  /**
   * Flush the content to disk before the rename (the default). A file Keel can derive again from
   * its rows, and checks at every start, may skip it: a thousand-site batch would otherwise wait
   * for a thousand flushes.
   */
  flush?: boolean;
}

/**
 * Replaces `file` so readers (nginx -t, a reload, PowerDNS loading a zone) see the old or the
 * new content, never a half-written one: write a temp file in the same directory, flush it,
 * rename it over. The temp name ends in .tmp so nginx's `include sites/*.conf` never picks it up.
 */
export async function writeFileAtomic(
  file: string,
  content: string,
  { mode = 0o644, modified, flush = true }: AtomicWrite = {},
): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    await handle.writeFile(content);
    if (modified) await handle.utimes(modified, modified);
    if (flush) await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** The file's content, or undefined when it does not exist. */
export async function readIfExists(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

/** Puts the file in the given state: written with `content`, or removed when undefined. */
export async function putFile(file: string, content: string | undefined, write?: AtomicWrite): Promise<void> {
  if (content === undefined) await rm(file, { force: true });
  else await writeFileAtomic(file, content, write);
}
