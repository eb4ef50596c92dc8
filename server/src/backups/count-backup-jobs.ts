import { count } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { backupJobKinds, backupJobStates, backupJobs } from './backups.table.js';

export interface BackupJobCount {
  kind: (typeof backupJobKinds)[number];
  state: (typeof backupJobStates)[number];
  count: number;
}

/** Every kind × state of backup job with its number of jobs, zero included (a steady series). */
export async function countBackupJobs(db: Database): Promise<BackupJobCount[]> {
  const rows = await db
    .select({ kind: backupJobs.kind, state: backupJobs.state, count: count() })
    .from(backupJobs)
    .groupBy(backupJobs.kind, backupJobs.state);
  return backupJobKinds.flatMap((kind) =>
    backupJobStates.map((state) => ({
      kind,
      state,
      count: rows.find((row) => row.kind === kind && row.state === state)?.count ?? 0,
    })),
  );
}
