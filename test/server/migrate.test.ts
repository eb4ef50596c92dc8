import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/src/config.js';
import { openDatabase } from '../../server/src/db/client.js';
import { migrate } from '../../server/src/db/migrate.js';
import journal from '../../server/src/db/migrations/meta/_journal.json' with { type: 'json' };
import { selectRows } from '../../server/src/db/raw.js';
import { scratchInstall } from '../helpers/scratch-install.js';

describe.runIf(process.env.TEST_DATABASE_URL)(
  'migrations on a PostgreSQL server',
  { timeout: 120_000 },
  async () => {
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
  },
);
