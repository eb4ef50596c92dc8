import type { Actor } from '../access/actor.js';
import {
  allowed,
  firstRefusal,
  notNow,
  notYours,
  presentPermissions,
  roleAdmitted,
  type Verdict,
} from '../access/policy.js';
import { adminOnly, adminOrReseller } from '../access/rules.js';
import type { CustomerStatus } from '../db/schema/customers.js';

/**
 * What an actor may do with a customer it can see. Which customers it sees at all is the scope's
 * (access/scope.ts: anything else is a 404); these rules decide the rest, for the use cases that
 * enforce them and for the `permissions` every customer presents.
 */
export const customerActions = [
  'edit',
  'changePassword',
  'suspend',
  'reactivate',
  'delete',
  'restore',
  'purge',
  'impersonate',
  'changeResources',
  'changePackage',
  'move',
] as const;
export type CustomerAction = (typeof customerActions)[number];

/** What the rules need to know of a customer. */
export interface CustomerFacts {
  status: CustomerStatus;
  purgeStartedAt: Date | null;
}

/**
 * And, for the actions a move must not cross (suspend, reactivate, delete, restore, purge, a
 * package change, any change to its hosted resources, a backup taken, deleted or restored, another
 * move), whether one is under way: read under the customer's lock
 * (lockCustomer) or from its latest move in the customer view.
 */
export interface LifecycleFacts extends CustomerFacts {
  moving: boolean;
}

// The role rule the customer routes declare (adminOrReseller), as a verdict for the permissions.
const staff = (actor: Actor) =>
  roleAdmitted(adminOrReseller, actor, 'Only administrators and resellers manage customers');

/** A move takes the customer's services from one server to another: nothing changes them meanwhile. */
export const notMoving = (customer: LifecycleFacts): Verdict =>
  customer.moving
    ? notNow('Customer is being moved to another server; wait until the move is done', 'customer-moving')
    : allowed;

/** Refused until a soft-deleted customer is restored: 409 customer-deleted. */
const untilRestored = (customer: CustomerFacts): Verdict =>
  customer.status === 'deleted'
    ? notNow('Customer is deleted; restore it first', 'customer-deleted')
    : allowed;

const notDeleted = (customer: CustomerFacts): Verdict =>
  customer.status === 'deleted' ? notNow('Customer is deleted; restore it first', 'wrong-status') : allowed;

export const mayEditCustomer = (actor: Actor, customer: CustomerFacts) =>
  firstRefusal(staff(actor), notDeleted(customer));

/**
 * An edit that changes the package: not during a move, whose target was judged by the old
 * package's roles and server group (moves/move-target.ts).
 */
export const mayChangeCustomerPackage = (actor: Actor, customer: LifecycleFacts) =>
  firstRefusal(mayEditCustomer(actor, customer), notMoving(customer));

/**
 * Whether the actor may change any customer's password, before one is looked up: never while
 * impersonating, so support cannot take the account over.
 */
export const mayChangePasswordsAtAll = (actor: Actor): Verdict =>
  actor.kind === 'user' && actor.impersonator
    ? notYours('The password cannot be changed while logged in as the customer')
    : allowed;

export const mayChangeCustomerPassword = (actor: Actor, customer: CustomerFacts) =>
  firstRefusal(mayChangePasswordsAtAll(actor), notDeleted(customer));

export const maySuspendCustomer = (actor: Actor, customer: LifecycleFacts) =>
  firstRefusal(
    staff(actor),
    notMoving(customer),
    customer.status === 'suspended'
      ? notNow('Customer is already suspended', 'wrong-status')
      : notDeleted(customer),
  );

export const mayReactivateCustomer = (actor: Actor, customer: LifecycleFacts) =>
  firstRefusal(
    staff(actor),
    notMoving(customer),
    customer.status === 'active'
      ? notNow('Customer is already active', 'wrong-status')
      : notDeleted(customer),
  );

export const mayDeleteCustomer = (actor: Actor, customer: LifecycleFacts) =>
  firstRefusal(
    staff(actor),
    notMoving(customer),
    customer.status === 'deleted' ? notNow('Customer is already deleted', 'wrong-status') : allowed,
  );

const softDeleted = (customer: CustomerFacts, action: string): Verdict =>
  customer.status === 'deleted'
    ? allowed
    : notNow(`Only a deleted customer can be ${action}; this one is ${customer.status}`, 'wrong-status');

export const mayRestoreCustomer = (actor: Actor, customer: LifecycleFacts) =>
  firstRefusal(
    staff(actor),
    notMoving(customer),
    softDeleted(customer, 'restored'),
    customer.purgeStartedAt ? notNow('Permanent deletion has already started', 'purging') : allowed,
  );

/** Asking again while the purge runs is allowed and changes nothing. */
export const mayPurgeCustomer = (actor: Actor, customer: LifecycleFacts) =>
  firstRefusal(staff(actor), notMoving(customer), softDeleted(customer, 'permanently deleted'));

/**
 * Whether the actor may start impersonating anyone, before a customer is looked up: a signed-in
 * admin or reseller in a browser session of its own (impersonation rides the session cookie).
 */
export function mayImpersonateAtAll(actor: Actor): Verdict {
  if (actor.kind !== 'user') return notYours('Only a signed-in user can log in as a customer');
  if (actor.impersonator) return notNow('Already logged in as a customer', 'already-impersonating');
  if (actor.user.role === 'customer')
    return notYours('Only administrators and resellers log in as customers');
  if (!actor.sessionId) return notYours('Needs a browser session, not an API token');
  return allowed;
}

export const mayImpersonateCustomer = (actor: Actor, customer: CustomerFacts) =>
  firstRefusal(mayImpersonateAtAll(actor), untilRestored(customer));

/**
 * A one-time login link signs the customer in as itself, so only an account that may sign in
 * gets one: a suspended or deleted customer is refused like its own login would be.
 */
export const mayCreateLoginLink = (actor: Actor, customer: CustomerFacts) =>
  firstRefusal(
    staff(actor),
    customer.status === 'active'
      ? allowed
      : notNow(`Customer is ${customer.status}; it cannot sign in`, `account-${customer.status}`),
  );

/**
 * Adding, switching, changing or deleting the customer's websites, databases and other hosted
 * resources: who may is each route's role rule; a soft-deleted customer is read-only for everyone
 * until it is restored. A suspended one may change them; they stay off with it. Not during a
 * move: the restore on the target brings back what its backup holds (a resource deleted since
 * would return), and the final sync backs up the source, which never had one made since the
 * customer was placed on the target.
 */
export const mayChangeCustomerResources = (_actor: Actor, customer: LifecycleFacts): Verdict =>
  firstRefusal(notMoving(customer), untilRestored(customer));

/**
 * Moving the customer to another server (admins): not while it is deleted or already moving.
 * Which servers can take it is the target's rule (moves/move-target.ts).
 */
export const mayMoveCustomer = (actor: Actor, customer: LifecycleFacts) =>
  firstRefusal(
    roleAdmitted(adminOnly, actor, 'Only administrators move customers between servers'),
    notMoving(customer),
    customer.status === 'deleted' || customer.purgeStartedAt
      ? notNow('A deleted customer is not moved; restore it first', 'customer-deleted')
      : allowed,
  );

const rules: Record<CustomerAction, (actor: Actor, customer: LifecycleFacts) => Verdict> = {
  edit: mayEditCustomer,
  changePassword: mayChangeCustomerPassword,
  suspend: maySuspendCustomer,
  reactivate: mayReactivateCustomer,
  delete: mayDeleteCustomer,
  restore: mayRestoreCustomer,
  purge: mayPurgeCustomer,
  impersonate: mayImpersonateCustomer,
  changeResources: mayChangeCustomerResources,
  changePackage: mayChangeCustomerPackage,
  move: mayMoveCustomer,
};

const customerPermissions = (actor: Actor, customer: LifecycleFacts) =>
  presentPermissions(
    Object.fromEntries(customerActions.map((action) => [action, rules[action](actor, customer)])) as Record<
      CustomerAction,
      Verdict
    >,
  );

/** The facts the rules read, as one key: customers alike in them get the same permissions. */
const factsKey = (customer: LifecycleFacts) =>
  `${customer.status}|${customer.purgeStartedAt !== null}|${customer.moving}`;

/**
 * `customerPermissions` for many customers and one actor, each combination of facts judged once:
 * a page of 100 customers holds a handful, and judging all eleven actions for every row took
 * about an eighth of Keel's time on the list (docs/performance.md). Customers alike share one object, which
 * is presented and never changed.
 */
export function customerPermissionsOf(actor: Actor) {
  const judged = new Map<string, ReturnType<typeof customerPermissions>>();
  return (customer: LifecycleFacts) => {
    const key = factsKey(customer);
    let permissions = judged.get(key);
    if (!permissions) {
      permissions = customerPermissions(actor, customer);
      judged.set(key, permissions);
    }
    return permissions;
  };
}
