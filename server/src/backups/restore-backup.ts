import path from 'node:path';
import { homeDirectory } from '../provisioning/drivers/files/customer-homes.js';
import type { BackupJobStore, RunnableJob } from './backup-job-store.js';
import type { BackupSnapshot } from './backups.table.js';
import { restoreDatabaseDump } from './database-dump.js';
import { type ResticRepository, restic } from './restic.js';
import { restoreDirectory } from './restore-directory.js';
import { type MachineEnvironment, resourcesFile } from './take-backup.js';

/** How long a restore waits for the reconciler to make a recreated database or mailbox. */
const READY_TIMEOUT_MS = 120_000;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Waits until the service has the customer's live resource named so; its id. */
async function whenReady(store: BackupJobStore, jobId: string, noun: 'database' | 'mailbox', name: string) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const found = await store.readiness(jobId, noun, name);
    if (found.state === 'ready') return found.id;
    if (found.state === 'gone') throw new Error(`${name} no longer exists`);
    if (Date.now() > deadline) {
      throw new Error(`${name} is not ready on its service${found.error ? `: ${found.error}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Puts a backup's parts back, on the machine where the customer lives: first the panel makes
 * again what the customer lost since and gives the zones their records (from the backup's
 * resource list), then the home, each database's tables and each mailbox's mail come back here.
 * Each part is tried on its own; what failed is left as it was and named, with why, in the error
 * the job reports.
 */
export async function restoreBackup(
  repository: ResticRepository,
  env: MachineEnvironment,
  store: BackupJobStore,
  job: RunnableJob,
  snapshots: readonly BackupSnapshot[],
  progress: (step: string) => Promise<void>,
): Promise<void> {
  const of = (part: BackupSnapshot['part']) => snapshots.filter((snapshot) => snapshot.part === part);
  const [resources] = of('resources');
  if (!resources) throw new Error('the backup holds no resource list');
  await progress('reading the resource list');
  const document = JSON.parse(
    await restic(repository, ['dump', resources.snapshotId, `/${resourcesFile}`]),
  ) as { resources: Record<string, Record<string, unknown>[]> };
  await progress('restoring the resources');
  const failures = await store.restoreResources(job.id, document.resources);
  const attempt = async (what: string, step: () => Promise<unknown>) => {
    await progress(`restoring ${what}`);
    await step().catch((error) => failures.push(`${what}: ${message(error)}`));
  };
  if (job.parts.includes('files')) {
    for (const snapshot of of('files')) {
      await attempt('the files', () =>
        restoreDirectory(repository, homeDirectory(env.homesDir, job.customerId), snapshot.snapshotId),
      );
    }
  }
  if (job.parts.includes('databases')) {
    for (const snapshot of of('database')) {
      const name = snapshot.name as string;
      await attempt(`database ${name}`, async () => {
        if (!env.mariadbUrl) throw new Error('this server has no MariaDB configured');
        await whenReady(store, job.id, 'database', name);
        await restoreDatabaseDump(repository, env.mariadbUrl, name, snapshot.snapshotId);
      });
    }
  }
  if (job.parts.includes('mailboxes')) {
    for (const snapshot of of('mailbox')) {
      const address = snapshot.name as string;
      await attempt(`mailbox ${address}`, async () => {
        if (!env.mailStoreDir) throw new Error('this server serves no mail');
        const id = await whenReady(store, job.id, 'mailbox', address);
        await restoreDirectory(repository, path.join(env.mailStoreDir, id), snapshot.snapshotId);
      });
    }
  }
  if (failures.length > 0) throw new Error(`Not restored: ${failures.join('; ')}`);
}
