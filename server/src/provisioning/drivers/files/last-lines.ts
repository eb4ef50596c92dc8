import { open } from 'node:fs/promises';

/** The most read from the end of a log for its last lines: lines longer than this are cut. */
const tailBytes = 1024 * 1024;

/** The end of one file: its last `count` whole lines, oldest first; none when it does not exist. */
async function tailOf(file: string, count: number): Promise<string[]> {
  const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!handle) return [];
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - tailBytes);
    const buffer = Buffer.alloc(size - start);
    await handle.read(buffer, 0, buffer.length, start);
    const lines = buffer.toString('utf8').split('\n');
    // A read that starts mid-file starts mid-line; the file ends with a newline.
    if (start > 0) lines.shift();
    if (lines.at(-1) === '') lines.pop();
    return lines.slice(-count);
  } finally {
    await handle.close();
  }
}

/**
 * The last `count` lines of a log, oldest first, reaching into its last rotated file (`<log>.1`)
 * when the current one, just rotated, holds fewer.
 */
export async function lastLines(log: string, count: number): Promise<string[]> {
  const current = await tailOf(log, count);
  if (current.length >= count) return current;
  const before = await tailOf(`${log}.1`, count - current.length);
  return [...before, ...current];
}
