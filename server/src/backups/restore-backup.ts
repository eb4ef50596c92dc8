import path from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import type { Context } from '../context.js';
import type { AnyResourceKind, HostedTable } from '../hosting/resource-kind.js';
import { type BackupPart, backupParts } from './backup-parts.js';
import { type BackupSnapshot, backups } from './backups.table.js';
import { existingRepository } from './customer-repository.js';
import { restoreDatabaseDump } from './database-dump.js';
import { recreateMissing } from './recreate-resources.js';
import { type ResticRepository, restic } from './restic.js';
import { restoreHome } from './restore-home.js';
import { restoreZoneRecords } from './restore-zone-records.js';
import { type BackupEnvironment, resourcesFile } from './take-backup.js';

/** The kind of resource each part brings back when it is missing. */
const kindOfPart: Record<BackupPart, string> = {
  files: 'website',
  databases: 'database',
  mailboxes: 'mailbox',
  dnsZones: 'dns_zone',
};

/** How long a restore waits for the reconciler to make a recreated database or mailbox. */
const READY_TIMEOUT_MS = 120_000;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Waits until the service has the customer's live resource named so; its error if it failed. */
async function whenReady(
  ctx: Context,
  kind: AnyResourceKind,
  customerId: string,
  column: string,
  name: string,
) {
  const table: HostedTable = kind.table;
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const [row] = await ctx.db
      .select()
      .from(table)
      .where(
        and(eq(table.customerId, customerId), isNull(table.removedAt), eq((table as never)[column], name)),
      );
    const found = row as
      | {
          id: string;
          provisioningState: string;
          provisioningError: string | null;
          appliedState: string | null;
        }
      | undefined;
    if (!found) throw new Error(`${name} no longer exists`);
    if (found.provisioningState === 'ready' && found.appliedState !== null) return found.id;
    if (Date.now() > deadline) {
      throw new Error(
        `${name} is not ready on its service${found.provisioningError ? `: ${found.provisioningError}` : ''}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Puts a backup's parts back: first every resource of those parts that the customer lost since
 * (with the ids it had), then the zones' records, the home, each database's tables and each
 * mailbox's mail. Each part is tried on its own; what failed is left as it was and named, with
 * why, in the error the job reports.
 */
export async function restoreBackup(
  ctx: Context,
  env: BackupEnvironment,
  job: { customerId: string; backupId: string; parts: readonly string[] },
  progress: (step: string) => Promise<void>,
): Promise<void> {
  const [backup] = await ctx.db.select().from(backups).where(eq(backups.id, job.backupId));
  if (backup?.state !== 'ready') throw new Error('the backup is gone or not complete');
  const repository = await existingRepository(ctx.db, env.store, job.customerId);
  if (!repository) throw new Error('the customer has no backup repository');
  const parts = backupParts.filter((part) => job.parts.includes(part));
  const snapshots = (part: BackupSnapshot['part']) =>
    backup.snapshots.filter((snapshot) => snapshot.part === part);
  const [resources] = snapshots('resources');
  if (!resources) throw new Error('the backup holds no resource list');
  await progress('reading the resource list');
  const document = JSON.parse(
    await restic(repository, ['dump', resources.snapshotId, `/${resourcesFile}`]),
  ) as {
    resources: Record<string, Record<string, unknown>[]>;
  };
  const failures: string[] = [];
  const attempt = async (what: string, step: () => Promise<unknown>) => {
    await progress(`restoring ${what}`);
    await step().catch((error) => failures.push(`${what}: ${message(error)}`));
  };
  const kindOf = (noun: string) => env.kinds.find((kind) => kind.noun === noun);

  for (const part of parts) {
    const kind = kindOf(kindOfPart[part]);
    const stored = document.resources[kindOfPart[part]] ?? [];
    if (kind && stored.length > 0)
      await attempt(`the ${kind.plural}`, () => recreateMissing(ctx, kind, job.customerId, stored));
  }
  if (parts.includes('dnsZones')) {
    const kind = kindOf('dns_zone');
    if (kind)
      await attempt('the DNS records', () =>
        restoreZoneRecords(ctx, kind, job.customerId, document.resources.dns_zone ?? []),
      );
  }
  if (parts.includes('files')) {
    for (const snapshot of snapshots('files')) {
      await attempt('the files', () =>
        restoreHome(repository, env.homesDir, job.customerId, snapshot.snapshotId),
      );
    }
  }
  if (parts.includes('databases')) {
    for (const snapshot of snapshots('database')) {
      const name = snapshot.name as string;
      await attempt(`database ${name}`, () =>
        restoreDatabase(ctx, env, repository, job.customerId, snapshot.snapshotId, name),
      );
    }
  }
  if (parts.includes('mailboxes')) {
    for (const snapshot of snapshots('mailbox')) {
      const address = snapshot.name as string;
      await attempt(`mailbox ${address}`, async () => {
        const kind = kindOf('mailbox');
        if (!kind || !env.mailStoreDir) throw new Error('this server serves no mail');
        const id = await whenReady(ctx, kind, job.customerId, 'address', address);
        await restic(repository, [
          'restore',
          snapshot.snapshotId,
          '--target',
          path.join(env.mailStoreDir, id),
        ]);
      });
    }
  }
  if (failures.length > 0) throw new Error(`Not restored: ${failures.join('; ')}`);
}

async function restoreDatabase(
  ctx: Context,
  env: BackupEnvironment,
  repository: ResticRepository,
  customerId: string,
  snapshotId: string,
  name: string,
) {
  const kind = env.kinds.find((candidate) => candidate.noun === 'database');
  if (!kind || !env.mariadbUrl) throw new Error('this server has no MariaDB configured');
  await whenReady(ctx, kind, customerId, 'name', name);
  await restoreDatabaseDump(repository, env.mariadbUrl, name, snapshotId);
}
