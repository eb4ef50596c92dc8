import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { selectRows } from '../db/raw.js';
import { type ServerRef, serverIdOf } from '../provisioning/server-ref.js';
import { cronJobKind } from './cron-job-kind.js';
import { latestDue, nextDue } from './cron-schedule.js';

/**
 * How late a due time may still be run: a Keel restarting, or the customer reactivated within
 * its minute, runs it; one missed by more is skipped, as cron skips what fell while it was down.
 */
export const MISSED_RUN_GRACE_MS = 5 * 60_000;

export interface DueRun {
  id: string;
  customerId: string;
  command: string;
  uid: number;
  /** The due time this run is for. */
  due: Date;
}

/** The statuses in which the kind's jobs are live: only then does one run. */
const liveStatuses = sql.join(
  Object.entries(cronJobKind.statusStates)
    .filter(([, state]) => state === 'live')
    .map(([status]) => sql`${status}`),
  sql`, `,
);

/** A job that may run now: its own switch on, not deleted, its customer live and not being purged. */
const runnable = sql`j.enabled and j.removed_at is null
  and c.status in (${liveStatuses}) and c.purge_started_at is null`;

interface Candidate {
  id: string;
  customerId: string;
  schedule: string;
  command: string;
  uid: number;
}

/** Run outcome as the scheduler records it. */
export interface CronRun {
  at: Date;
  exitCode: number | null;
  output: string;
}

/**
 * Takes the jobs of the server's customers due at `now` that may run and that its reconciler has
 * made ready, and holds each for this process for the run's lease. Moving `next_run_at` past `now` in the same transaction
 * (SKIP LOCKED between Keel processes) is what makes each due time taken once. A job already
 * running (an earlier run still within its lease) waits for the next due time after it ends.
 */
export async function claimDueRuns(
  db: Database,
  server: ServerRef,
  owner: string,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<DueRun[]> {
  return db.transaction(async (tx) => {
    const candidates = await selectRows<Candidate>(
      tx,
      sql`select j.id, j.customer_id as "customerId", j.schedule, j.command, c.system_uid as uid
        from cron_jobs j join customers c on c.id = j.customer_id
        where j.next_run_at <= ${now} and ${runnable} and j.applied_state = 'live'
          and c.server_id = ${serverIdOf(server)}
          and (j.run_claimed_until is null or j.run_claimed_until < ${now})
        order by j.next_run_at, j.id
        limit ${limit}
        for update of j skip locked`,
    );
    const runs: DueRun[] = [];
    for (const job of candidates) {
      const due = latestDue(job.schedule, now);
      const runsNow = due !== null && now.getTime() - due.getTime() <= MISSED_RUN_GRACE_MS;
      await tx.execute(sql`update cron_jobs set next_run_at = ${nextDue(job.schedule, now)}
        ${runsNow ? sql`, run_claimed_until = ${new Date(now.getTime() + leaseMs)}, run_claimed_by = ${owner}` : sql``}
        where id = ${job.id}`);
      if (runsNow) runs.push({ ...job, uid: Number(job.uid), due });
    }
    return runs;
  });
}

/**
 * Records a run's outcome as the job's last run and lets go of it, if `owner` still holds it.
 * Answers false when the job is not one of the server's: nothing is recorded then.
 */
export async function recordRun(
  db: Database,
  server: ServerRef,
  owner: string,
  id: string,
  run: CronRun,
): Promise<boolean> {
  // One statement: the update runs whether or not the select reads what it returned.
  const [found] = await selectRows<{ onServer: number }>(
    db,
    sql`with job as (
        select j.id from cron_jobs j join customers c on c.id = j.customer_id
        where j.id = ${id} and c.server_id = ${serverIdOf(server)}
      ), recorded as (
        update cron_jobs set last_run_at = ${run.at}, last_exit_code = ${run.exitCode},
          last_output = ${run.output}, run_claimed_until = null, run_claimed_by = null
        where id in (select id from job) and run_claimed_by = ${owner}
        returning id
      )
      select count(*)::int as "onServer" from job`,
  );
  return (found?.onServer ?? 0) > 0;
}

/** Of the jobs this process is running, the ones that may still run on the server. */
export async function stillRunnable(
  db: Database,
  server: ServerRef,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await selectRows<{ id: string }>(
    db,
    sql`select j.id from cron_jobs j join customers c on c.id = j.customer_id
      where j.id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) and ${runnable} and c.server_id = ${serverIdOf(server)}`,
  );
  return new Set(rows.map((row) => row.id));
}
