import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import { forbidden } from '../errors/problem.js';
import { packagesAssignableBy } from './package-visibility.js';

/**
 * The packages an actor may see: admins all of them, a reseller the admins' and its own (it may
 * assign either to its customers). Everything else is a 404.
 */
export function packageScope(actor: Actor): SQL | undefined {
  if (actor.kind === 'system' || actor.user.role === 'admin') return undefined;
  if (actor.user.role === 'reseller' && actor.user.resellerId)
    return packagesAssignableBy(actor.user.resellerId);
  return sql`false`;
}

/** Who may change or delete a package it can see: admins any, a reseller only its own. */
export function assertMayChangePackage(actor: Actor, ownerResellerId: string | null): void {
  if (actor.kind === 'system' || actor.user.role === 'admin') return;
  if (ownerResellerId === null || ownerResellerId !== actor.user.resellerId) {
    throw forbidden("Only admins change the admins' packages.");
  }
}
