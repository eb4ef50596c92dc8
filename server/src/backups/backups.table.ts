import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { timestampTz } from '../db/schema/columns.js';
import { customers } from '../db/schema/customers.js';
import { servers } from '../db/schema/servers.js';

/**
 * The restic repository of a customer: one each, so pruning one customer's backups never locks
 * another's. The password is random and kept only encrypted with the server's backup key
 * (repository-key.ts); losing that key loses every backup.
 */
export const backupRepositories = pgTable('backup_repositories', {
  customerId: uuid('customer_id')
    .primaryKey()
    .references(() => customers.id, { onDelete: 'restrict' }),
  encryptedPassword: text('encrypted_password').notNull(),
  createdAt: timestampTz('created_at').notNull().defaultNow(),
});

export const backupTriggers = ['manual', 'scheduled', 'before-purge', 'before-move'] as const;
export const backupStates = ['running', 'ready', 'failed'] as const;

/** Which restic snapshot holds which part of a backup. */
export interface BackupSnapshot {
  part: 'files' | 'database' | 'mailbox' | 'resources';
  /** The database's or the mailbox's name; null for the home and the resource rows. */
  name: string | null;
  snapshotId: string;
}

export interface BackupContents {
  files: boolean;
  databases: string[];
  mailboxes: string[];
  dnsZones: string[];
}

/** One backup of a customer: several restic snapshots (home, each database dump, …) taken together. */
export const backups = pgTable(
  'backups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    trigger: text('trigger', { enum: backupTriggers }).notNull(),
    state: text('state', { enum: backupStates }).notNull().default('running'),
    error: text('error'),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull().default(0),
    contents: jsonb('contents')
      .$type<BackupContents>()
      .notNull()
      .default({ files: false, databases: [], mailboxes: [], dnsZones: [] }),
    snapshots: jsonb('snapshots').$type<BackupSnapshot[]>().notNull().default([]),
    createdAt: timestampTz('created_at').notNull().defaultNow(),
    finishedAt: timestampTz('finished_at'),
  },
  (table) => [index('backups_customer_id_idx').on(table.customerId, table.createdAt)],
);

export const backupJobKinds = ['backup', 'restore', 'forget', 'vacate'] as const;
export const backupJobStates = ['queued', 'running', 'done', 'failed'] as const;

/**
 * Work on a customer's repository outside any request: taking a backup, restoring one, forgetting
 * a deleted one's snapshots; vacating a server a moved customer left (its resources on that
 * server's services and its home there removed). At most one runs per customer (the partial unique index), so restic
 * never waits on its own repository's lock; a job whose runner died is failed and cleaned up.
 */
export const backupJobs = pgTable(
  'backup_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: backupJobKinds }).notNull(),
    /**
     * The server that runs it; null for the customer's own (a move works on its source and its
     * target, whichever server the customer lives on meanwhile). Its jobs go with a deleted server.
     */
    serverId: uuid('server_id').references(() => servers.id, { onDelete: 'cascade' }),
    /** The backup taken or restored; null for a forget, whose backup row is already gone. */
    backupId: uuid('backup_id').references(() => backups.id, { onDelete: 'set null' }),
    /** A restore's parts; a forget's snapshot ids. */
    parts: jsonb('parts').$type<string[]>().notNull().default([]),
    state: text('state', { enum: backupJobStates }).notNull().default('queued'),
    /** What it does right now, in a few words for people ("dumping shop_db"). */
    progress: text('progress'),
    error: text('error'),
    /** `host:pid:random` of the runner holding it, so a restarted server knows its dead jobs. */
    runner: text('runner'),
    createdAt: timestampTz('created_at').notNull().defaultNow(),
    startedAt: timestampTz('started_at'),
    finishedAt: timestampTz('finished_at'),
  },
  (table) => [
    index('backup_jobs_customer_id_idx').on(table.customerId, table.createdAt),
    index('backup_jobs_queued_idx').on(table.createdAt).where(sql`${table.state} = 'queued'`),
    uniqueIndex('backup_jobs_one_running_key').on(table.customerId).where(sql`${table.state} = 'running'`),
  ],
);

/**
 * A purged customer's repository kept for a while (backup setting `keepAfterPurgeDays`): moved to
 * `<KEEL_BACKUP_DIR>/purged/<directory>`, out of every active customer's place, with the sealed
 * password it had (still bound to the customer id, which is why that id stays here although the
 * customer row is gone). The purge scheduler deletes both once `keptUntil` has passed.
 */
export const keptBackupRepositories = pgTable('kept_backup_repositories', {
  customerId: uuid('customer_id').primaryKey(),
  /** `<customer id>-<YYYY-MM-DD of the purge>`, under `<KEEL_BACKUP_DIR>/purged/`. */
  directory: text('directory').notNull(),
  encryptedPassword: text('encrypted_password').notNull(),
  /** Who the customer was, for the operator who lists what is kept. */
  customerEmail: text('customer_email').notNull(),
  keptUntil: timestampTz('kept_until').notNull(),
  createdAt: timestampTz('created_at').notNull().defaultNow(),
});
