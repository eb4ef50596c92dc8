import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { keptBackupRepositories } from '../../server/src/backups/backups.table.js';
import {
  loadBackupKey,
  newRepositoryPassword,
  sealPassword,
} from '../../server/src/backups/repository-key.js';
import { main } from '../../server/src/cli/main.js';
import { pgliteExtensions, wrapPglite } from '../../server/src/db/client.js';
import { newId } from '../services/helpers.js';

/** Runs `keel kept-backups …` on a data directory and returns its exit code and output. */
async function keel(env: Record<string, string>, args: string[]) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  delete process.env.DATABASE_URL;
  delete process.env.KEEL_SECRET_KEY;
  const printed: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
  const error = vi
    .spyOn(console, 'error')
    .mockImplementation((line: unknown) => void printed.push(String(line)));
  try {
    return { code: await main(['kept-backups', ...args]), output: printed.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
    process.env = saved;
  }
}

describe('keel kept-backups', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'keel-kept-backups-'));
  afterAll(() => rm(folder, { recursive: true, force: true }));
  const env = { KEEL_DATA_DIR: folder, KEEL_HOMES_DIR: join(folder, 'homes') };
  const dump = await readFile(inject('pgliteTemplate'));
  const handle = wrapPglite(
    await PGlite.create({
      dataDir: join(folder, 'pglite'),
      loadDataDir: new Blob([dump]),
      extensions: pgliteExtensions,
    }),
  );
  // A repository kept by a purge, as kept-repositories.ts records it, sealed with this data
  // directory's backup key.
  const customerId = newId();
  const password = newRepositoryPassword();
  const key = await loadBackupKey(folder, null);
  await handle.db.insert(keptBackupRepositories).values({
    customerId,
    directory: `${customerId}-2026-12-06`,
    encryptedPassword: sealPassword(key, customerId, password),
    customerEmail: 'gone@example.test',
    keptUntil: new Date('2027-01-05T12:00:00Z'),
  });
  await handle.close();

  it('lists the kept repositories with their date and place', async () => {
    expect(await keel(env, [])).toEqual({
      code: 0,
      output: `${customerId} gone@example.test kept until 2027-01-05: ${join(folder, 'backups', 'purged', `${customerId}-2026-12-06`)}`,
    });
  });

  it('prints the password restic needs, and only for a kept repository', async () => {
    expect(await keel(env, ['password', customerId])).toEqual({ code: 0, output: password });
    expect(await keel(env, ['password', newId()])).toMatchObject({ code: 1 });
    expect(await keel(env, ['password', 'not-an-id'])).toMatchObject({ code: 2 });
  });
});
