import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, inject, vi } from 'vitest';
import { main } from '../../server/src/cli/main.js';
import { pgliteExtensions, wrapPglite } from '../../server/src/db/client.js';

/**
 * A data directory of its own, removed after the file's tests, with its embedded database made
 * from the migrated template: what a `keel` command run on it opens, arranged through `handle`.
 */
export async function commandDataDir(name: string) {
  const folder = await mkdtemp(join(tmpdir(), `keel-${name}-`));
  afterAll(() => rm(folder, { recursive: true, force: true }));
  const handle = wrapPglite(
    await PGlite.create({
      dataDir: join(folder, 'pglite'),
      loadDataDir: new Blob([await readFile(inject('pgliteTemplate'))]),
      extensions: pgliteExtensions,
    }),
  );
  return { folder, handle, env: { KEEL_DATA_DIR: folder, KEEL_HOMES_DIR: join(folder, 'homes') } };
}

/**
 * Runs `keel <args>` in this process on the given environment, as on a machine with no
 * DATABASE_URL or KEEL_SECRET_KEY of its own, and returns its exit code and what it printed.
 */
export async function runKeelCommand(args: string[], env: Record<string, string>) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  delete process.env.DATABASE_URL;
  delete process.env.KEEL_SECRET_KEY;
  const printed: string[] = [];
  const capture = (line: unknown) => void printed.push(String(line));
  const log = vi.spyOn(console, 'log').mockImplementation(capture);
  const error = vi.spyOn(console, 'error').mockImplementation(capture);
  try {
    return { code: await main(args), output: printed.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    process.env = saved;
  }
}
