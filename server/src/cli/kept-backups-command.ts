import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  keptRepositoriesDir,
  keptRepositoryPassword,
  unsafeKeptRepositories,
} from '../backups/kept-repositories.js';
import { loadConfig } from '../config.js';
import { isUuid } from '../contract/ids.js';
import { loadPanelKey } from '../secrets/panel-key.js';
import type { Command } from './commands.js';
import { withSystemContext } from './system-context.js';

async function printPassword(customerId: string | undefined): Promise<number> {
  if (!customerId || !isUuid(customerId)) {
    console.error('Usage: keel kept-backups password <customer id>');
    return 2;
  }
  const config = loadConfig();
  const key = await loadPanelKey(config.dataDir, config.secretKey);
  const password = await withSystemContext((ctx) => keptRepositoryPassword(ctx.db, key, customerId));
  if (password === null) {
    console.error(`No backup repository of customer ${customerId} is kept.`);
    return 1;
  }
  console.log(password);
  return 0;
}

const usage = `keel kept-backups
keel kept-backups password <customer id>

With the backup setting keepAfterPurgeDays above 0, a purge takes a final backup and keeps the
customer's restic repository for that many days in KEEL_BACKUP_DIR/purged/<customer id>-<date>.
The first form lists them with the customer's email and the day each is deleted. The second
prints that repository's password (opened with the backup key, KEEL_SECRET_KEY or
KEEL_DATA_DIR/backup-key) on standard output, for restic:

  restic -r KEEL_BACKUP_DIR/purged/<customer id>-<date> \\
    --password-command "keel kept-backups password <customer id>" snapshots`;

export const keptBackupsCommand: Command = {
  name: 'kept-backups',
  summary: 'List the backups kept after a purge; print the password restic needs to restore one',
  usage,
  async run(args) {
    const { positionals } = parseArgs({ args, options: {}, allowPositionals: true });
    const [verb, customerId, ...rest] = positionals;
    if (verb === 'password' && rest.length === 0) return printPassword(customerId);
    if (verb !== undefined) {
      console.error(usage);
      return 2;
    }
    const config = loadConfig();
    const kept = await withSystemContext((ctx) => unsafeKeptRepositories(ctx.db));
    if (kept.length === 0) {
      console.log('No backup of a purged customer is kept.');
      return 0;
    }
    for (const repository of kept) {
      console.log(
        `${repository.customerId} ${repository.customerEmail} kept until ${repository.keptUntil.toISOString().slice(0, 10)}: ${path.join(keptRepositoriesDir(config.backupDir), repository.directory)}`,
      );
    }
    return 0;
  },
};
