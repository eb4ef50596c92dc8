import { rm } from 'node:fs/promises';
import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/database.js';
import { backupRepositories } from './backups.table.js';
import { newRepositoryPassword, openPassword, sealPassword } from './repository-key.js';
import { isRepositoryUrl, repositoryDir } from './repository-location.js';
import { initRepository, type ResticRepository } from './restic.js';

/** Where repositories live and what opens them. */
export interface BackupStore {
  backupDir: string;
  cacheDir: string;
  key: Buffer;
}

/** The customer's repository if it has one (its password row), else null. */
export async function existingRepository(
  db: Queryable,
  store: BackupStore,
  customerId: string,
): Promise<ResticRepository | null> {
  const [row] = await db
    .select()
    .from(backupRepositories)
    .where(eq(backupRepositories.customerId, customerId));
  if (!row) return null;
  return {
    dir: repositoryDir(store.backupDir, customerId),
    password: openPassword(store.key, customerId, row.encryptedPassword),
    cacheDir: store.cacheDir,
  };
}

/**
 * The customer's repository, made at its first backup: the sealed password is stored first, so a
 * repository on disk never exists without the password that opens it.
 */
export async function customerRepository(
  db: Queryable,
  store: BackupStore,
  customerId: string,
): Promise<ResticRepository> {
  const sealed = sealPassword(store.key, customerId, newRepositoryPassword());
  await db.insert(backupRepositories).values({ customerId, encryptedPassword: sealed }).onConflictDoNothing();
  const repository = await existingRepository(db, store, customerId);
  if (!repository) throw new Error('the backup repository row vanished while it was made');
  await initRepository(repository);
  return repository;
}

/**
 * The repository on disk and its key: what a purge destroys. Already gone is success. On a
 * repository URL the panel has no file to remove: without its password the data is unreadable,
 * and the operator removes it with the backend's own tools.
 */
export async function destroyRepository(db: Queryable, backupDir: string, customerId: string): Promise<void> {
  if (!isRepositoryUrl(backupDir)) {
    await rm(repositoryDir(backupDir, customerId), { recursive: true, force: true });
  }
  await db.delete(backupRepositories).where(eq(backupRepositories.customerId, customerId));
}
