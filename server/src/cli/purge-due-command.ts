import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { purgeDueCustomers } from '../customers/purge-due-customers.js';
import { CustomerHomes } from '../provisioning/drivers/files/customer-homes.js';
import { hostingKinds } from '../resource-kinds.js';
import type { Command } from './commands.js';
import { withSystemContext } from './system-context.js';

export const purgeDueCommand: Command = {
  name: 'purge-due',
  summary: 'Permanently delete soft-deleted customers whose retention has passed',
  usage: `keel purge-due

Runs one sweep of the purge schedule, as the server's scheduler does: purges every soft-deleted
customer whose purgeAfter has passed, and finishes purges that were started but not completed.
Prints each customer purged. A customer whose resources are still on the services waits for the
running server's reconciler to remove them; keel doctor shows what each waits for. With the
backup setting keepAfterPurgeDays on, a purge first waits for the final backup the running
server's backup runner takes; one whose final backup failed is stopped (printed with the reason)
until someone asks for the purge again. Kept backups whose days are over are deleted.
Exits 1 when a purge failed or was stopped.`,
  async run(args) {
    parseArgs({ args, options: {}, allowPositionals: false });
    const config = loadConfig();
    const homes = new CustomerHomes(config.homesDir);
    const sweep = await withSystemContext((ctx) =>
      purgeDueCustomers(ctx, { kinds: hostingKinds, homes, backupDir: config.backupDir }),
    );
    for (const customer of sweep.purged) {
      console.log(`Purged customer ${customer.id} ${customer.email} (${customer.name})`);
    }
    for (const waiting of sweep.waiting) {
      console.log(`Still purging customer ${waiting.id}: waiting for ${waiting.step} to be removed`);
    }
    for (const failure of sweep.failed) {
      console.error(`Purge of customer ${failure.id} failed: ${failure.error}`);
    }
    for (const stopped of sweep.stopped) {
      console.error(`Purge of customer ${stopped.id} stopped: ${stopped.reason}`);
    }
    for (const id of sweep.keptRepositoriesDeleted) {
      console.log(`Deleted the backups of purged customer ${id}: their days were over`);
    }
    if (sweep.purged.length + sweep.waiting.length + sweep.failed.length + sweep.stopped.length === 0) {
      console.log('No customer is due for purging.');
    } else {
      console.log(
        `${sweep.purged.length} purged, ${sweep.waiting.length} waiting, ${sweep.failed.length} failed, ${sweep.stopped.length} stopped.`,
      );
    }
    return sweep.failed.length + sweep.stopped.length > 0 ? 1 : 0;
  },
};
