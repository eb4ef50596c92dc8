import { scopeGranted } from '../access/scopes.js';
import type { Context } from '../context.js';
import type { Queryable } from '../db/database.js';
import { forbidden, Problem, problemDocument } from '../errors/problem.js';
import { notifyReconcilers, wakeReconciler } from '../hosting/resource-changes.js';
import { cleanReason, invalid } from './customer-rules.js';
import type { BulkCustomerAction, BulkCustomerResult } from './customers.schemas.js';
import { markDeleted } from './delete-customer.js';
import { markReactivated } from './reactivate-customer.js';
import { markRestored } from './restore-customer.js';
import { announcePurge } from './start-customer-purge.js';
import { markSuspended } from './suspend-customer.js';
import { updateCustomer } from './update-customer.js';

export const bulkMaxCustomers = 1000;

/**
 * Customers changed per transaction: the embedded database has one connection for the whole
 * panel, and no other request should wait for a thousand customers' changes.
 */
export const bulkGroupSize = 200;

export interface BulkCustomerInput {
  action: BulkCustomerAction;
  ids: string[];
  /** Suspend only. */
  reason?: string | null;
  /** Change-package only, and required there; null takes the package away. */
  packageId?: string | null;
}

/** What changing one customer did: the single route's status code, and whether a purge started. */
interface Changed {
  status: number;
  purgeStarted?: boolean;
}

/**
 * Each action is the single call's own change inside the group's transaction, without the
 * customer view the single call answers with (the bulk answer has none).
 */
const perCustomer: Record<
  BulkCustomerAction,
  (tx: Queryable, ctx: Context, id: string, input: BulkCustomerInput) => Promise<Changed>
> = {
  suspend: async (tx, ctx, id, input) => {
    await markSuspended(tx, ctx, id, input.reason ?? null);
    return { status: 200 };
  },
  reactivate: async (tx, ctx, id) => {
    await markReactivated(tx, ctx, id);
    return { status: 200 };
  },
  delete: async (tx, ctx, id) => {
    const { purgeStarted } = await markDeleted(tx, ctx, id);
    return { status: purgeStarted ? 202 : 200, purgeStarted };
  },
  restore: async (tx, ctx, id) => {
    await markRestored(tx, ctx, id);
    return { status: 200 };
  },
  // An edit, as PATCH /customers/{id} makes it; it changes nothing a service shows.
  'change-package': async (tx, ctx, id, input) => {
    await updateCustomer({ ...ctx, db: tx }, id, { packageId: input.packageId });
    return { status: 200 };
  },
};

function checkInput(ctx: Context, input: BulkCustomerInput): BulkCustomerInput {
  if (input.ids.length === 0) invalid('ids', 'must name at least one customer');
  if (input.ids.length > bulkMaxCustomers) invalid('ids', `must name at most ${bulkMaxCustomers} customers`);
  if (new Set(input.ids).size !== input.ids.length) invalid('ids', 'must not name a customer twice');
  if (input.reason !== undefined && input.action !== 'suspend') invalid('reason', 'is only for suspend');
  const changesPackage = input.action === 'change-package';
  if (changesPackage && input.packageId === undefined)
    invalid('packageId', 'is required to change the package');
  if (!changesPackage && input.packageId !== undefined) invalid('packageId', 'is only for change-package');
  // The single call to change a package is an edit: a token limited to the lifecycle may not.
  if (changesPackage && !scopeGranted(ctx.actor, 'customers:write')) {
    throw forbidden("This API token's scopes do not include customers:write.");
  }
  return { ...input, reason: input.action === 'suspend' ? cleanReason(input.reason) : undefined };
}

/**
 * Applies one action to many customers, each done or refused on its own exactly as its single
 * call would be (an unseen id is a 404 in its result), and audited per customer. Customers are
 * locked in id order, so two bulk calls over the same customers cannot deadlock. The reconciler
 * is woken once, when every group is committed, so it applies the whole change as one batch
 * (one nginx reload) instead of chasing each group. A failure of the database itself ends the
 * call: the groups before stay done, as their audit events say, and are applied all the same.
 */
export async function bulkCustomerAction(
  ctx: Context,
  request: BulkCustomerInput,
): Promise<BulkCustomerResult[]> {
  const input = checkInput(ctx, request);
  const change = perCustomer[input.action];
  const results = new Map<string, BulkCustomerResult>();
  const ordered = [...input.ids].sort();
  const purging: string[] = [];
  try {
    for (let from = 0; from < ordered.length; from += bulkGroupSize) {
      const purgingInGroup: string[] = [];
      await ctx.db.transaction(async (tx) => {
        for (const id of ordered.slice(from, from + bulkGroupSize)) {
          try {
            // A savepoint per customer: a refusal undoes that customer's change alone.
            const changed = await tx.transaction((savepoint) => change(savepoint, ctx, id, input));
            results.set(id, { id, status: changed.status });
            if (changed.purgeStarted) purgingInGroup.push(id);
          } catch (error) {
            if (!(error instanceof Problem)) throw error;
            results.set(id, { id, status: error.status, problem: problemDocument(error) });
          }
        }
      });
      purging.push(...purgingInGroup);
    }
  } finally {
    await notifyReconcilers(ctx.db);
    wakeReconciler(ctx);
    for (const id of purging) announcePurge(ctx, id);
  }
  return input.ids.map((id) => results.get(id) as BulkCustomerResult);
}
