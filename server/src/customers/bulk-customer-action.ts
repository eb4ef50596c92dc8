import { scopeGranted } from '../access/scopes.js';
import type { Context } from '../context.js';
import { forbidden, Problem, problemDocument } from '../errors/problem.js';
import { holdSignals } from '../held-signals.js';
import { cleanReason, invalid } from './customer-rules.js';
import type { BulkCustomerAction, BulkCustomerResult } from './customers.schemas.js';
import { deleteCustomer } from './delete-customer.js';
import { reactivateCustomer } from './reactivate-customer.js';
import { restoreCustomer } from './restore-customer.js';
import { suspendCustomer } from './suspend-customer.js';
import { updateCustomer } from './update-customer.js';

export const bulkMaxCustomers = 1000;

export interface BulkCustomerInput {
  action: BulkCustomerAction;
  ids: string[];
  /** Suspend only. */
  reason?: string | null;
  /** Change-package only, and required there; null takes the package away. */
  packageId?: string | null;
}

/** Each action is the single call's use case; the answer is the single route's status code. */
const perCustomer: Record<
  BulkCustomerAction,
  (ctx: Context, id: string, input: BulkCustomerInput) => Promise<number>
> = {
  suspend: async (ctx, id, input) => {
    await suspendCustomer(ctx, id, { reason: input.reason });
    return 200;
  },
  reactivate: async (ctx, id) => {
    await reactivateCustomer(ctx, id);
    return 200;
  },
  delete: async (ctx, id) => ((await deleteCustomer(ctx, id)).purgeStarted ? 202 : 200),
  restore: async (ctx, id) => {
    await restoreCustomer(ctx, id);
    return 200;
  },
  'change-package': async (ctx, id, input) => {
    await updateCustomer(ctx, id, { packageId: input.packageId });
    return 200;
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
 * Customers changed per transaction. Each group commits and wakes the reconciler, which takes
 * everything committed so far as one batch: the services follow while later groups are still
 * being changed, at most one nginx reload per group, and no transaction holds the embedded
 * database (one connection for the whole panel) for longer than a group takes.
 */
export const bulkGroupSize = 200;

/**
 * Applies one action to many customers, each done or refused on its own exactly as its single
 * call would be (an unseen id is a 404 in its result), and audited per customer. Customers are
 * locked in id order, so two bulk calls over the same customers cannot deadlock. A failure of the
 * database itself ends the call: the groups before stay done, as their audit events say.
 */
export async function bulkCustomerAction(
  ctx: Context,
  request: BulkCustomerInput,
): Promise<BulkCustomerResult[]> {
  const input = checkInput(ctx, request);
  const act = perCustomer[input.action];
  const results = new Map<string, BulkCustomerResult>();
  const ordered = [...input.ids].sort();
  for (let from = 0; from < ordered.length; from += bulkGroupSize) {
    const held = holdSignals();
    await ctx.db.transaction(async (tx) => {
      // Each use case opens its own transaction on `tx`: a savepoint, undone alone when it refuses.
      const inGroup: Context = { ...ctx, db: tx, signals: held.signals };
      for (const id of ordered.slice(from, from + bulkGroupSize)) {
        try {
          results.set(id, { id, status: await act(inGroup, id, input) });
        } catch (error) {
          if (!(error instanceof Problem)) throw error;
          results.set(id, { id, status: error.status, problem: problemDocument(error) });
        }
      }
    });
    held.release(ctx.signals);
  }
  return input.ids.map((id) => results.get(id) as BulkCustomerResult);
}
