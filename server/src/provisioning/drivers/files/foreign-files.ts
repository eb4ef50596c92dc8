import { mkdir, readdir, rename } from 'node:fs/promises';
import path from 'node:path';
import type { ForeignFile } from '../types.js';

// writeFileAtomic's temp files (.<name>.<12 hex>.tmp): a write of Keel's in flight, or one a crash
// cut short; no service reads them, and one in flight must not be moved from under its rename.
const keelTempFile = /^\..+\.[0-9a-f]{12}\.tmp$/;

/** What is in `dir` that `isKeels` does not claim, leaving Keel's own temp files alone. */
async function foreignFiles(dir: string, isKeels: (name: string) => boolean): Promise<string[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [] as string[];
    throw error;
  });
  return names
    .filter((name) => !isKeels(name) && !keelTempFile.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

/**
 * Moves foreign files into `aside`, each under its own name and the time, so that nothing kept
 * there is overwritten: the operator decides what to do with them, nothing is deleted.
 */
async function setAside(files: readonly string[], aside: string, now: Date): Promise<ForeignFile[]> {
  if (files.length === 0) return [];
  await mkdir(aside, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const moved: ForeignFile[] = [];
  for (const file of files) {
    const movedTo = path.join(aside, `${path.basename(file)}.${stamp}`);
    await rename(file, movedTo);
    moved.push({ file, movedTo });
  }
  return moved;
}

/** The foreign files of `dir`, set aside into `aside` when asked, else only listed. */
export async function foreignFilesOf(
  dir: string,
  isKeels: (name: string) => boolean,
  options: { setAside: boolean; aside: string },
): Promise<ForeignFile[]> {
  const files = await foreignFiles(dir, isKeels);
  if (!options.setAside) return files.map((file) => ({ file }));
  return setAside(files, options.aside, new Date());
}
