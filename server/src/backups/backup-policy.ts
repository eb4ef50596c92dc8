import type { Actor } from '../access/actor.js';
import { allowed, firstRefusal, notNow, type Verdict } from '../access/policy.js';
import { type LifecycleFacts, mayChangeCustomerResources, notMoving } from '../customers/customer-policy.js';

/**
 * Who may reach a customer's backups is the route's role rule and the customer scope; a
 * soft-deleted customer's backups are kept as they are until it is restored or purged. A move's
 * steps are the customer's backup jobs: a backup taken meanwhile runs on whichever server the
 * customer is placed on, the target before its restore (a backup missing data, and the move's
 * next job waits behind it), and deleting the move's own backup fails its restore. Taking or
 * deleting one is therefore held exactly like a change to the customer's hosted resources.
 */
export const mayBackUp: (actor: Actor, customer: LifecycleFacts) => Verdict = mayChangeCustomerResources;

/**
 * A restore changes what the customer runs: not while it is suspended or deleted, nor while a
 * move carries its data to another server.
 */
export const mayRestoreBackup = (_actor: Actor, customer: LifecycleFacts): Verdict =>
  firstRefusal(
    notMoving(customer),
    customer.status === 'active'
      ? allowed
      : notNow(
          `Customer is ${customer.status}; a restore waits until it is active again`,
          'customer-not-active',
        ),
  );
