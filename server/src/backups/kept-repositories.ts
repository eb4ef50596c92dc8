import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { asc, eq, lte } from 'drizzle-orm';
import type { CustomerRow } from '../access/visible-customer.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { isUuid } from '../contract/ids.js';
import type { Queryable } from '../db/database.js';
import { backupRepositories, keptBackupRepositories } from './backups.table.js';
import { openPassword } from './repository-key.js';
import { isRepositoryUrl, repositoryDir } from './repository-location.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** `<KEEL_BACKUP_DIR>/purged`: no active customer's repository is ever below it. */
export const keptRepositoriesDir = (backupDir: string) => path.join(path.resolve(backupDir), 'purged');

/** Where a purged customer's repository is kept: named by the customer and the purge's day. */
export function keptDirectoryName(customerId: string, purgedAt: Date): string {
  if (!isUuid(customerId)) throw new Error(`invalid customer id ${JSON.stringify(customerId)}`);
  return `${customerId}-${purgedAt.toISOString().slice(0, 10)}`;
}

const exists = (dir: string) =>
  stat(dir).then(
    () => true,
    () => false,
  );

/**
 * A purge's backups step with `keepAfterPurgeDays` on: moves the customer's repository out of the
 * active ones to `purged/<id>-<date>` and keeps its sealed password beside the date it goes.
 * Idempotent: a move done before an interrupted transaction is found done. Answers false when the
 * customer has no repository to keep.
 */
export async function keepRepository(
  tx: Queryable,
  ctx: Context,
  customer: CustomerRow,
  backupDir: string,
  days: number,
): Promise<boolean> {
  const [sealed] = await tx
    .select()
    .from(backupRepositories)
    .where(eq(backupRepositories.customerId, customer.id));
  // Kept repositories are moved aside on disk; a repository URL has no directory to move.
  if (!sealed || isRepositoryUrl(backupDir)) return false;
  const directory = keptDirectoryName(customer.id, customer.purgeStartedAt ?? ctx.now());
  const target = path.join(keptRepositoriesDir(backupDir), directory);
  await mkdir(keptRepositoriesDir(backupDir), { recursive: true, mode: 0o700 });
  await rename(repositoryDir(backupDir, customer.id), target).catch(async (error: NodeJS.ErrnoException) => {
    if (!(error.code === 'ENOENT' && (await exists(target)))) throw error;
  });
  const keptUntil = new Date(ctx.now().getTime() + days * DAY_MS);
  await tx.insert(keptBackupRepositories).values({
    customerId: customer.id,
    directory,
    encryptedPassword: sealed.encryptedPassword,
    customerEmail: customer.email,
    keptUntil,
    createdAt: ctx.now(),
  });
  await tx.delete(backupRepositories).where(eq(backupRepositories.customerId, customer.id));
  await record(tx, ctx, {
    action: 'backup.repository_kept',
    customerId: customer.id,
    target: { type: 'kept_backup_repository', id: customer.id },
    details: { directory: path.join('purged', directory), keptUntil, days },
  });
  return true;
}

/**
 * Deletes each kept repository whose days are over, with its sealed password, each in its own
 * transaction (audited `backup.kept_repository_deleted`). Answers the customer ids deleted.
 */
export async function deleteExpiredKeptRepositories(ctx: Context, backupDir: string): Promise<string[]> {
  const due = await ctx.db
    .select()
    .from(keptBackupRepositories)
    .where(lte(keptBackupRepositories.keptUntil, ctx.now()));
  for (const kept of due) {
    await ctx.db.transaction(async (tx) => {
      await rm(path.join(keptRepositoriesDir(backupDir), kept.directory), { recursive: true, force: true });
      await tx.delete(keptBackupRepositories).where(eq(keptBackupRepositories.customerId, kept.customerId));
      await record(tx, ctx, {
        action: 'backup.kept_repository_deleted',
        customerId: kept.customerId,
        resellerId: null,
        target: { type: 'kept_backup_repository', id: kept.customerId },
        details: { directory: path.join('purged', kept.directory), keptUntil: kept.keptUntil },
      });
    });
  }
  return due.map((kept) => kept.customerId);
}

/** Every kept repository, the soonest to go first: for `keel kept-backups` and `keel doctor`. */
export const unsafeKeptRepositories = (db: Queryable) =>
  db.select().from(keptBackupRepositories).orderBy(asc(keptBackupRepositories.keptUntil));

/**
 * The password of a kept repository, opened with the backup key: what an operator hands restic to
 * restore from it (`keel kept-backups password`). Null when no repository of that customer is kept.
 */
export async function keptRepositoryPassword(
  db: Queryable,
  key: Buffer,
  customerId: string,
): Promise<string | null> {
  const [kept] = await db
    .select()
    .from(keptBackupRepositories)
    .where(eq(keptBackupRepositories.customerId, customerId));
  return kept ? openPassword(key, customerId, kept.encryptedPassword) : null;
}
