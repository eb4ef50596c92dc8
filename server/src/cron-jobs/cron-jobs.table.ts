import { index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestampTz } from '../db/schema/columns.js';
import { customers } from '../db/schema/customers.js';
import { reconciled } from '../db/schema/reconciled.js';

export const cronJobs = pgTable(
  'cron_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'restrict' }),
    /** Five fields, minute precision, read in UTC (cron-schedule.ts). */
    schedule: text('schedule').notNull(),
    /** Run by /bin/sh -c as the customer's own user in its home. */
    command: text('command').notNull(),
    /**
     * The first due time the scheduler has not taken yet: a claim moves it past the time it runs,
     * in the claim's transaction, so each due time is taken by one Keel process only.
     */
    nextRunAt: timestampTz('next_run_at').notNull(),
    lastRunAt: timestampTz('last_run_at'),
    lastExitCode: integer('last_exit_code'),
    /** The last lines of stdout and stderr together, cut to run-cron-job.ts's limits. */
    lastOutput: text('last_output'),
    /** A Keel process runs the job until then (a lease, so a crashed one lets go). */
    runClaimedUntil: timestampTz('run_claimed_until'),
    runClaimedBy: text('run_claimed_by'),
    ...reconciled(),
  },
  (table) => [
    index('cron_jobs_customer_id_idx').on(table.customerId),
    index('cron_jobs_next_run_at_idx').on(table.nextRunAt),
  ],
);
