import { and, arrayContains, desc, eq, gte, or, sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.js';
import type { Transaction } from '../db/database.js';
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

/** The roles a customer on this package needs: every role unless its package allows none of that kind. */
export async function rolesNeeded(tx: Transaction, packageId: string | null): Promise<ServerRole[]> {
  const [limits] = packageId ? await tx.select().from(packages).where(eq(packages.id, packageId)) : [];
  const needed = Object.entries(roleOfLimit)
    .filter(([limit]) => limits?.[limit as keyof typeof roleOfLimit] !== 0)
    .map(([, role]) => role);
  return [...new Set(needed)];
}

export interface Placement {
  actor: Actor;
  requestedServerId: string | undefined;
  packageId: string | null;
  now: Date;
}

/**
 * The server a new customer lives on: the one an admin chose, or the online server with every
 * role the customer needs and the most room left (capacity minus the customers on it). The chosen
 * row is share-locked so it cannot be deleted before the customer row that names it commits.
 * @throws 403 when a reseller chooses; 422 for an unknown server; 409 when no online server fits.
 */
export async function placeCustomer(tx: Transaction, placement: Placement): Promise<string> {
  const { actor, requestedServerId } = placement;
  if (requestedServerId !== undefined) {
    if (actor.kind !== 'system' && actor.user.role !== 'admin')
      throw forbidden('Only admins choose the server a customer lives on.');
    const [chosen] = await tx
      .select({ id: servers.id })
      .from(servers)
      .where(eq(servers.id, requestedServerId))
      .for('share');
    if (!chosen) throw unprocessable('No such server.', [{ field: 'serverId', message: 'is not a server' }]);
    return chosen.id;
  }
  const needed = await rolesNeeded(tx, placement.packageId);
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
        arrayContains(servers.roles, needed),
        or(eq(servers.local, true), gte(servers.lastSeenAt, onlineSince)),
      ),
    )
    .orderBy(desc(sql`${servers.capacity} - coalesce(${placed.n}, 0)`), servers.createdAt)
    .limit(1)
    .for('share', { of: servers });
  if (!best)
    throw conflict(
      `No online server has every role this customer needs (${needed.join(', ')}); add one or start its agent.`,
      'no-server-available',
    );
  return best.id;
}
