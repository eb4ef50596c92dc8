import type { Actor } from '../access/actor.js';
import { plural } from '../access/plural.js';
import {
  allowed,
  firstRefusal,
  notNow,
  presentPermissions,
  roleAdmitted,
  type Verdict,
} from '../access/policy.js';
import { adminOnly } from '../access/rules.js';

export const resellerActions = ['edit', 'delete'] as const;

/** What the rules need to know of a reseller. */
export interface ResellerFacts {
  /** Its customers in every status, soft-deleted ones included until purged. */
  customerCount: number;
}

const adminsOnly = (actor: Actor) => roleAdmitted(adminOnly, actor, 'Only administrators manage resellers');

export const mayEditReseller = (actor: Actor): Verdict => adminsOnly(actor);

/** A reseller goes only without customers: nobody would be left to own them. */
export const mayDeleteReseller = (actor: Actor, reseller: ResellerFacts): Verdict =>
  firstRefusal(
    adminsOnly(actor),
    reseller.customerCount > 0
      ? notNow(`Reseller still has ${plural(reseller.customerCount, 'customer')}`, 'reseller-has-customers')
      : allowed,
  );

export const resellerPermissions = (actor: Actor, reseller: ResellerFacts) =>
  presentPermissions({ edit: mayEditReseller(actor), delete: mayDeleteReseller(actor, reseller) });
