import type { Verdict } from '../access/policy.js';
import { scopeGranted } from '../access/scopes.js';
import { type CustomerRow, lockVisibleCustomers } from '../access/visible-customer.js';
import type { Context } from '../context.js';
import type { Queryable } from '../db/database.js';
import { forbidden, notFound, Problem, problemDocument } from '../errors/problem.js';
import { notifyReconcilers, wakeReconciler } from '../hosting/resource-changes.js';
import { movingCustomers } from '../moves/moving-customers.js';
import { type LifecycleFacts, mayReactivateCustomer, maySuspendCustomer } from './customer-policy.js';
import { cleanReason, invalid } from './customer-rules.js';
import type { BulkCustomerAction, BulkCustomerResult } from './customers.schemas.js';
import { markDeleted } from './delete-customer.js';
import { reactivateLocked } from './reactivate-customer.js';
import { markRestored } from './restore-customer.js';
import { announcePurge } from './start-customer-purge.js';
import { suspendLocked } from './suspend-customer.js';
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

/** What each customer of a group came to: its result, and whether its purge started. */
type GroupOutcome = Map<string, { result: BulkCustomerResult; purgeStarted?: boolean }>;

type GroupChange = (
  tx: Queryable,
  ctx: Context,
  ids: string[],
  input: BulkCustomerInput,
) => Promise<GroupOutcome>;

const refused = (id: string, problem: Problem) => ({
  result: { id, status: problem.status, problem: problemDocument(problem) },
});

/**
 * The single call's own change, customer by customer, each in a savepoint: a refusal undoes that
 * customer's change alone.
 */
const oneByOne =
  (
    change: (tx: Queryable, ctx: Context, id: string, input: BulkCustomerInput) => Promise<Changed>,
  ): GroupChange =>
  async (tx, ctx, ids, input) => {
    const outcome: GroupOutcome = new Map();
    for (const id of ids) {
      try {
        const changed = await tx.transaction((savepoint) => change(savepoint, ctx, id, input));
        outcome.set(id, { result: { id, status: changed.status }, purgeStarted: changed.purgeStarted });
      } catch (error) {
        if (!(error instanceof Problem)) throw error;
        outcome.set(id, refused(id, error));
      }
    }
    return outcome;
  };

/**
 * A change whose refusals all come from the customer's row and whether it is being moved (the
 * same rule the single call enforces): the group is locked in one statement, each customer judged
 * on its own, and the allowed ones changed together in a few statements, as the single call
 * changes its one.
 */
const allAtOnce =
  (
    rule: (actor: Context['actor'], customer: LifecycleFacts) => Verdict,
    change: (tx: Queryable, ctx: Context, locked: CustomerRow[], input: BulkCustomerInput) => Promise<void>,
  ): GroupChange =>
  async (tx, ctx, ids, input) => {
    const outcome: GroupOutcome = new Map();
    const locked = await lockVisibleCustomers(tx, ctx.actor, ids);
    const moving = await movingCustomers(tx, [...locked.keys()]);
    const allowed: CustomerRow[] = [];
    for (const id of ids) {
      // The database answers ids in its own (lower-case) spelling.
      const customer = locked.get(id.toLowerCase());
      if (!customer) {
        outcome.set(id, refused(id, notFound('Customer')));
        continue;
      }
      const verdict = rule(ctx.actor, { ...customer, moving: moving.has(customer.id) });
      if (!verdict.allowed) {
        outcome.set(id, refused(id, verdict.problem()));
        continue;
      }
      allowed.push(customer);
      outcome.set(id, { result: { id, status: 200 } });
    }
    await change(tx, ctx, allowed, input);
    return outcome;
  };

const groupChanges: Record<BulkCustomerAction, GroupChange> = {
  suspend: allAtOnce(maySuspendCustomer, (tx, ctx, locked, input) =>
    suspendLocked(tx, ctx, locked, input.reason ?? null),
  ),
  reactivate: allAtOnce(mayReactivateCustomer, (tx, ctx, locked) => reactivateLocked(tx, ctx, locked)),
  delete: oneByOne(async (tx, ctx, id) => {
    const { purgeStarted } = await markDeleted(tx, ctx, id);
    return { status: purgeStarted ? 202 : 200, purgeStarted };
  }),
  restore: oneByOne(async (tx, ctx, id) => {
    await markRestored(tx, ctx, id);
    return { status: 200 };
  }),
  // An edit, as PATCH /customers/{id} makes it; it changes nothing a service shows.
  'change-package': oneByOne(async (tx, ctx, id, input) => {
    await updateCustomer({ ...ctx, db: tx }, id, { packageId: input.packageId });
    return { status: 200 };
  }),
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
 * locked in id order, in groups that commit on their own, so two bulk calls over the same customers cannot deadlock. The reconciler
 * is woken once, when every group is committed, so it applies the whole change as one batch
 * (one nginx reload) instead of chasing each group. A failure of the database itself ends the
 * call: the groups before stay done, as their audit events say, and are applied all the same.
 */
export async function bulkCustomerAction(
  ctx: Context,
  request: BulkCustomerInput,
): Promise<BulkCustomerResult[]> {
  const input = checkInput(ctx, request);
  const change = groupChanges[input.action];
  const results = new Map<string, BulkCustomerResult>();
  const ordered = [...input.ids].sort();
  const purging: string[] = [];
  try {
    for (let from = 0; from < ordered.length; from += bulkGroupSize) {
      const outcome = await ctx.db.transaction((tx) =>
        change(tx, ctx, ordered.slice(from, from + bulkGroupSize), input),
      );
      for (const [id, { result, purgeStarted }] of outcome) {
        results.set(id, result);
        if (purgeStarted) purging.push(id);
      }
    }
  } finally {
    await notifyReconcilers(ctx.db);
    wakeReconciler(ctx);
    for (const id of purging) announcePurge(ctx, id);
  }
  return input.ids.map((id) => results.get(id) as BulkCustomerResult);
}
