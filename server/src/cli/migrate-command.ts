import { parseArgs } from 'node:util';
import type { Command } from './commands.js';
import { withSystemContext } from './system-context.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations',
  usage: `keel migrate

Applies pending migrations to the configured database (DATABASE_URL, or the embedded database in
KEEL_DATA_DIR) in one transaction. Refuses a database migrated by a newer Keel.`,
  async run(args) {
    parseArgs({ args, options: {}, allowPositionals: false });
    await withSystemContext(async () => undefined);
    console.log('Database is up to date.');
    return 0;
  },
};
