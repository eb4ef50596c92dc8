import { sql } from 'drizzle-orm';
import { index, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { backupJobs } from '../backups/backups.table.js';
import { timestampTz } from '../db/schema/columns.js';
import { customers } from '../db/schema/customers.js';
import { servers } from '../db/schema/servers.js';

export const moveStates = ['running', 'done', 'failed'] as const;
/**
 * backing-up on the source; provisioning the resources on the target (the customer's server is
 * switched then, the source keeps serving what it has); restoring the backup there; syncing
 * (a second, short backup on the source and its restore); removing from the source.
 */
export const moveSteps = ['backing-up', 'provisioning', 'restoring', 'syncing', 'removing'] as const;
export type MoveStep = (typeof moveSteps)[number];

/**
 * A customer's move from one server to another (POST /customers/{id}/move), driven step by step
 * by the panel's mover (mover.ts) through the backup machinery. One runs per customer at a time;
 * the moves of a deleted server go with it.
 */
export const customerMoves = pgTable(
  'customer_moves',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    fromServerId: uuid('from_server_id')
      .notNull()
      .references(() => servers.id, { onDelete: 'cascade' }),
    toServerId: uuid('to_server_id')
      .notNull()
      .references(() => servers.id, { onDelete: 'cascade' }),
    state: text('state', { enum: moveStates }).notNull().default('running'),
    step: text('step', { enum: moveSteps }).notNull().default('backing-up'),
    error: text('error'),
    /** The backup job the step waits for. */
    jobId: uuid('job_id').references(() => backupJobs.id, { onDelete: 'set null' }),
    /** The backup taken on the source, which the target restores. */
    backupId: uuid('backup_id'),
    /** `host:pid:random` of the panel process driving it, so a restarted panel knows it was cut short. */
    runner: text('runner'),
    createdAt: timestampTz('created_at').notNull().defaultNow(),
    stepStartedAt: timestampTz('step_started_at').notNull().defaultNow(),
    finishedAt: timestampTz('finished_at'),
  },
  (table) => [
    index('customer_moves_customer_id_idx').on(table.customerId, table.createdAt),
    uniqueIndex('customer_moves_one_running_key').on(table.customerId).where(sql`${table.state} = 'running'`),
  ],
);
