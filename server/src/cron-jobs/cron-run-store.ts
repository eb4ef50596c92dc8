import type { Database } from '../db/database.js';
import type { ServerRef } from '../provisioning/server-ref.js';
import { type CronRun, claimDueRuns, type DueRun, recordRun, stillRunnable } from './cron-run-claims.js';

/**
 * What the cron scheduler reads and writes of the panel's state, for one server's jobs: those
 * whose customer lives there, run in that machine's homes. The panel's scheduler uses it on the
 * database for the local server (DatabaseCronRunStore); an agent's over HTTP
 * (agent/panel-cron-store.ts), the panel answering it with a DatabaseCronRunStore for its server.
 */
export interface CronRunStore {
  /** Up to `limit` of the server's jobs due now, held under `owner`'s lease for `leaseMs`. */
  claimDueRuns(owner: string, leaseMs: number, limit: number): Promise<DueRun[]>;
  /**
   * A run's outcome as its job's last run, the job let go. Answers false, recording nothing, when
   * the job is not one of the server's.
   */
  recordRun(owner: string, id: string, run: CronRun): Promise<boolean>;
  /** Of the server's jobs with these ids, those that may still run. */
  stillRunnable(ids: readonly string[]): Promise<Set<string>>;
}

export interface DatabaseCronRunStoreOptions {
  db: Database;
  server: ServerRef;
  /** The clock due times are read on: the panel's, whichever machine runs the jobs. */
  now?: () => Date;
}

export class DatabaseCronRunStore implements CronRunStore {
  private readonly now: () => Date;

  constructor(private readonly options: DatabaseCronRunStoreOptions) {
    this.now = options.now ?? (() => new Date());
  }

  claimDueRuns(owner: string, leaseMs: number, limit: number): Promise<DueRun[]> {
    const { db, server } = this.options;
    return claimDueRuns(db, server, owner, this.now(), leaseMs, limit);
  }

  recordRun(owner: string, id: string, run: CronRun): Promise<boolean> {
    return recordRun(this.options.db, this.options.server, owner, id, run);
  }

  stillRunnable(ids: readonly string[]): Promise<Set<string>> {
    return stillRunnable(this.options.db, this.options.server, ids);
  }
}
