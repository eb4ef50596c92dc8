import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
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
