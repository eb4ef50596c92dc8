import { and, arrayContains, desc, eq, gte, or, sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import type { Queryable, Transaction } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import { packages } from '../db/schema/packages.js';
import { type ServerRole, servers } from '../db/schema/servers.js';
import { conflict, forbidden, unprocessable } from '../errors/problem.js';
import { offlineAfterMs } from './server-status.js';

/** The role each package limit's resources need; a limit of 0 means the customer needs none of them. */
const roleOfLimit = {
  sites: 'web',
  cronJobs: 'web',
  databases: 'database',
  mailboxes: 'mail',
  dnsZones: 'dns',
  ftpAccounts: 'ftp',
} as const satisfies Record<string, ServerRole>;

/**
 * What a customer on this package needs of its server: every role unless its package allows none
 * of that kind, and the package's server group, if it is bound to one.
 */
export async function serverNeeds(
  tx: Queryable,
  packageId: string | null,
): Promise<{ roles: ServerRole[]; group: string | null }> {
  const [pkg] = packageId ? await tx.select().from(packages).where(eq(packages.id, packageId)) : [];
  const needed = Object.entries(roleOfLimit)
    .filter(([limit]) => pkg?.[limit as keyof typeof roleOfLimit] !== 0)
    .map(([, role]) => role);
  return { roles: [...new Set(needed)], group: pkg?.serverGroup ?? null };
}

export interface Placement {
  actor: Actor;
  requestedServerId: string | undefined;
  packageId: string | null;
  now: Date;
}

/**
 * The server a new customer lives on: the one an admin chose, or the online server with every
 * role the customer needs, in its package's server group if the package is bound to one, and the
 * most room left (capacity minus the customers on it). The chosen row is share-locked so it
 * cannot be deleted before the customer row that names it commits.
 * @throws 403 when a reseller chooses; 422 for an unknown server or one outside the package's
 * group; 409 when no online server fits.
 */
export async function placeCustomer(tx: Transaction, placement: Placement): Promise<string> {
  const { actor, requestedServerId } = placement;
  if (requestedServerId !== undefined && actor.kind !== 'system' && actor.user.role !== 'admin')
    throw forbidden('Only admins choose the server a customer lives on.');
  const needs = await serverNeeds(tx, placement.packageId);
  if (requestedServerId !== undefined) {
    const [chosen] = await tx
      .select({ id: servers.id, group: servers.group })
      .from(servers)
      .where(eq(servers.id, requestedServerId))
      .for('share');
    if (!chosen) throw unprocessable('No such server.', [{ field: 'serverId', message: 'is not a server' }]);
    if (needs.group !== null && chosen.group !== needs.group)
      throw unprocessable(
        `The customer's package places its customers in the server group "${needs.group}".`,
        [{ field: 'serverId', message: `is not in the server group "${needs.group}"` }],
      );
    return chosen.id;
  }
  const onlineSince = new Date(placement.now.getTime() - offlineAfterMs);
  const placed = tx
    .select({ serverId: customers.serverId, n: sql<number>`count(*)`.as('n') })
    .from(customers)
    .groupBy(customers.serverId)
    .as('placed');
  const [best] = await tx
    .select({ id: servers.id })
    .from(servers)
    .leftJoin(placed, eq(placed.serverId, servers.id))
    .where(
      and(
        arrayContains(servers.roles, needs.roles),
        needs.group === null ? undefined : eq(servers.group, needs.group),
        or(eq(servers.local, true), gte(servers.lastSeenAt, onlineSince)),
      ),
    )
    .orderBy(desc(sql`${servers.capacity} - coalesce(${placed.n}, 0)`), servers.createdAt)
    .limit(1)
    .for('share', { of: servers });
  if (!best) {
    const where = needs.group === null ? '' : ` in the server group "${needs.group}" of its package`;
    throw conflict(
      `No online server${where} has every role this customer needs (${needs.roles.join(', ')}); add one or start its agent.`,
      'no-server-available',
    );
  }
  return best.id;
}
