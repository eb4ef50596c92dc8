import type { BackupContents, BackupSnapshot, backupJobKinds } from './backups.table.js';

/** A job as its runner sees it. */
export interface RunnableJob {
  id: string;
  customerId: string;
  kind: (typeof backupJobKinds)[number];
  /** The backup taken or restored; null for a forget. */
  backupId: string | null;
  /** A restore's parts; a forget's snapshot ids. */
  parts: string[];
}

/** What a backup saves besides the home: the panel's rows, and which databases and mailboxes exist. */
export interface BackupSource {
  /** The customer's live rows of every kind as JSON: the snapshot a restore recreates resources from. */
  document: string;
  /** Databases their service has made (the others have nothing to dump). */
  databases: string[];
  mailboxes: { id: string; address: string }[];
  dnsZones: string[];
}

/** What a vacate takes down: each kind's resources of the customer, in its driver's terms, state absent. */
export type VacateList = { noun: string; desired: unknown[] }[];

/**
 * A job handed to the runner of the customer's server, with the repository's password for this
 * job only (the runner keeps it no longer), and what its kind needs: a backup's source, a
 * restore's snapshots.
 */
export interface ClaimedJob {
  job: RunnableJob;
  /** Null while the customer has no repository yet (nothing to forget or restore). */
  password: string | null;
  source?: BackupSource;
  snapshots?: BackupSnapshot[];
  vacate?: VacateList;
}

export interface TakenBackup {
  snapshots: BackupSnapshot[];
  contents: BackupContents;
  sizeBytes: number;
}

/** How a job ended: `requeue` gives an interrupted forget back to the queue. */
export type JobOutcome = { error: string | null; backup?: TakenBackup } | { requeue: true };

/** A restored resource's state on its service, as a restore waits for it. */
export type ResourceReadiness =
  | { state: 'ready'; id: string }
  | { state: 'gone' }
  | { state: 'waiting'; error: string | null };

/**
 * Everything a backup runner reads or writes of the panel's state, for one server's customers:
 * in-process on the database for the panel's own server (database-backup-jobs.ts), over the agent
 * API for an agent's (agent/panel-backup-jobs.ts). Like the reconciler's store, one contract, so
 * backups and restores run on the machine where the customer's files and databases are.
 */
export interface BackupJobStore {
  /** The oldest queued job of a customer on this server with none running, held for this runner. */
  claim(): Promise<ClaimedJob | null>;
  /** Jobs of this server left running by a runner that is gone: cleaned up, then ended. */
  interrupted(): Promise<ClaimedJob[]>;
  progress(jobId: string, step: string): Promise<void>;
  finish(jobId: string, outcome: JobOutcome): Promise<void>;
  /**
   * A restore's resources from the backup's resource list: those of its parts that the customer
   * lost are made again, the zones get their records back. Answers what failed, with why.
   */
  restoreResources(jobId: string, resources: Record<string, Record<string, unknown>[]>): Promise<string[]>;
  /** The customer's resource of a kind named so (a database by name, a mailbox by address). */
  readiness(jobId: string, noun: 'database' | 'mailbox', name: string): Promise<ResourceReadiness>;
}
