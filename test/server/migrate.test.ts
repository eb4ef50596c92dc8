import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { openDatabase } from '../../server/src/db/client.js';
import type { Queryable } from '../../server/src/db/database.js';
import { migrate } from '../../server/src/db/migrate.js';
import journal from '../../server/src/db/migrations/meta/_journal.json' with { type: 'json' };
import { selectRows } from '../../server/src/db/raw.js';
import { scratchInstall } from '../helpers/scratch-install.js';

const slow = { timeout: 180_000 };

const tableExists = async (db: Queryable, name: string) => {
  const [row] = await selectRows<{ name: string | null }>(db, sql`select to_regclass(${name})::text as name`);
  return row?.name != null;
};

/** A migrations folder of two steps, the second of which can be made to fail. */
async function migrationsFolder(secondStep: string) {
  const folder = await mkdtemp(join(tmpdir(), 'keel-migrations-'));
  await mkdir(join(folder, 'meta'));
  const entries = ['0000_probe', '0001_probe_more'].map((tag, idx) => ({
    idx,
    version: '7',
    when: 1_700_000_000_000 + idx,
    tag,
    breakpoints: true,
  }));
  await writeFile(
    join(folder, 'meta/_journal.json'),
    JSON.stringify({ version: '7', dialect: 'postgresql', entries }),
  );
  await writeFile(join(folder, '0000_probe.sql'), 'CREATE TABLE "keel_probe" ("id" integer);');
  await writeFile(join(folder, '0001_probe_more.sql'), secondStep);
  return folder;
}

describe('migrations', slow, async () => {
  const install = await scratchInstall();
  const folders: string[] = [];
  afterAll(async () => {
    await install.remove();
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  it('apply all pending steps in one transaction: a failing step leaves none of them behind', async () => {
    const broken = await migrationsFolder('CREATE TABLE "keel_probe_more" (;');
    folders.push(broken);
    const handle = await openDatabase(loadConfig(install.env));
    try {
      await expect(migrate(handle, broken)).rejects.toThrow();
      expect(await tableExists(handle.db, 'keel_probe')).toBe(false);
      const fixed = await migrationsFolder('CREATE TABLE "keel_probe_more" ("id" integer);');
      folders.push(fixed);
      await migrate(handle, fixed);
      expect(await tableExists(handle.db, 'keel_probe')).toBe(true);
      expect(await tableExists(handle.db, 'keel_probe_more')).toBe(true);
    } finally {
      await handle.close();
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('migrations on a PostgreSQL server', slow, async () => {
  const install = await scratchInstall();
  afterAll(() => install.remove());

  it('lets panel instances starting together migrate one after the other', async () => {
    const config = loadConfig(install.env);
    const instances = await Promise.all([openDatabase(config), openDatabase(config), openDatabase(config)]);
    try {
      await Promise.all(instances.map((handle) => migrate(handle)));
      const [row] = await selectRows<{ n: number }>(
        (instances[0] as (typeof instances)[number]).db,
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      expect(row?.n).toBe(journal.entries.length);
    } finally {
      await Promise.all(instances.map((handle) => handle.close()));
    }
  });
});
