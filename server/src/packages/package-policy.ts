import type { Actor } from '../access/actor.js';
import { plural } from '../access/plural.js';
import {
  allowed,
  firstRefusal,
  notNow,
  notYours,
  presentPermissions,
  type Verdict,
} from '../access/policy.js';

export const packageActions = ['edit', 'delete'] as const;

/** What the rules need to know of a package. */
export interface PackageFacts {
  ownerResellerId: string | null;
  /** Customers on the package, soft-deleted ones included. */
  customerCount: number;
}

/** Admins change any package, a reseller only its own; the admins' packages it may only assign. */
export function mayEditPackage(actor: Actor, pkg: PackageFacts): Verdict {
  if (actor.kind === 'system' || actor.user.role === 'admin') return allowed;
  if (pkg.ownerResellerId === null) return notYours('Package belongs to the administrators');
  if (actor.user.role !== 'reseller' || pkg.ownerResellerId !== actor.user.resellerId)
    return notYours('Package belongs to another reseller');
  return allowed;
}

/** Server groups are the admins' machines: only they bind a package to one (or unbind it). */
export const mayBindServerGroup = (actor: Actor): Verdict =>
  actor.kind === 'system' || actor.user.role === 'admin'
    ? allowed
    : notYours('Only admins bind a package to a server group.');

/** A package in use cannot go: a restored customer must get back the package it had. */
export const mayDeletePackage = (actor: Actor, pkg: PackageFacts): Verdict =>
  firstRefusal(
    mayEditPackage(actor, pkg),
    pkg.customerCount > 0
      ? notNow(`Package is used by ${plural(pkg.customerCount, 'customer')}`, 'package-in-use')
      : allowed,
  );

export const packagePermissions = (actor: Actor, pkg: PackageFacts) =>
  presentPermissions({ edit: mayEditPackage(actor, pkg), delete: mayDeletePackage(actor, pkg) });
