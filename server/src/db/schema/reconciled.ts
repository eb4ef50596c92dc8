import { boolean, integer, text } from 'drizzle-orm/pg-core';
import { timestampTz } from './columns.js';

export const appliedStates = ['live', 'held', 'suspended', 'absent'] as const;
export const provisioningStates = ['pending', 'ready', 'error'] as const;

/**
 * What the reconciler needs on every hosting resource. A request bumps `desiredGeneration`;
 * the reconciler records the generation and state it applied. The effective state (live,
 * suspended, absent) is derived from `enabled`, `removedAt` and the customer's status, so
 * suspending a customer changes no resource row.
 */
export const reconciled = () => ({
  enabled: boolean('enabled').notNull().default(true),
  /** Set when the resource is deleted: it stays until the service no longer has it. */
  removedAt: timestampTz('removed_at'),
  desiredGeneration: integer('desired_generation').notNull().default(1),
  ...appliedColumns(),
  createdAt: timestampTz('created_at').notNull().defaultNow(),
  updatedAt: timestampTz('updated_at').notNull().defaultNow(),
});

/**
 * What a reconciler applied and how its attempts go: on the resource's own row (reconciled()), or
 * per (resource, server) in the kind's own table for a resource every server of a role serves (a
 * DNS zone on each name server), compared with the resource's desired generation and state.
 */
export function appliedColumns() {
  return {
    appliedGeneration: integer('applied_generation').notNull().default(0),
    appliedState: text('applied_state', { enum: appliedStates }),
    provisioningState: text('provisioning_state', { enum: provisioningStates }).notNull().default('pending'),
    provisioningError: text('provisioning_error'),
    provisioningUpdatedAt: timestampTz('provisioning_updated_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    retryAt: timestampTz('retry_at'),
    /** A reconciler process holds the resource until then (a lease, so a crashed one lets go). */
    claimedUntil: timestampTz('claimed_until'),
    claimedBy: text('claimed_by'),
  };
}
