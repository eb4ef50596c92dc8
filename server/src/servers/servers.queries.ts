import { asc, count, eq, sql } from 'drizzle-orm';
import { presentPermissions } from '../access/policy.js';
import { iso, isoOrNull } from '../contract/schemas.js';
import type { Queryable } from '../db/database.js';
import { customers } from '../db/schema/customers.js';
import { servers } from '../db/schema/servers.js';
import { notFound } from '../errors/problem.js';
import { serverVerdicts } from './server-policy.js';
import { serverStatus } from './server-status.js';
import type { Server } from './servers.schemas.js';

/** Soft-deleted customers count: their files and data are still on the server. */
const customerCounts = (db: Queryable) =>
  db
    .select({ serverId: customers.serverId, customerCount: count().as('customer_count') })
    .from(customers)
    .groupBy(customers.serverId)
    .as('customer_counts');

function serverRows(db: Queryable) {
  const counts = customerCounts(db);
  return db
    .select({
      id: servers.id,
      name: servers.name,
      roles: servers.roles,
      capacity: servers.capacity,
      group: servers.group,
      local: servers.local,
      lastSeenAt: servers.lastSeenAt,
      enrolled: sql<boolean>`${servers.agentCredentialHash} is not null`,
      customerCount: sql<number>`coalesce(${counts.customerCount}, 0)::int`,
      createdAt: servers.createdAt,
    })
    .from(servers)
    .leftJoin(counts, eq(counts.serverId, servers.id));
}

type ServerRow = Awaited<ReturnType<typeof serverRows>>[number];

export function presentServer(row: ServerRow, now: Date): Server {
  return {
    id: row.id,
    name: row.name,
    roles: row.roles,
    capacity: row.capacity,
    group: row.group,
    local: row.local,
    status: serverStatus(row, now),
    lastSeenAt: isoOrNull(row.lastSeenAt),
    enrolled: row.local || row.enrolled,
    customerCount: Number(row.customerCount),
    createdAt: iso(row.createdAt),
    permissions: presentPermissions(
      serverVerdicts({ local: row.local, customerCount: Number(row.customerCount) }),
    ),
  };
}

/** Every server with its status and how many customers live on it (admins only: the route says so). */
export async function listServers(db: Queryable, now: Date): Promise<Server[]> {
  const rows = await serverRows(db).orderBy(sql`${servers.local} desc`, asc(sql`lower(${servers.name})`));
  return rows.map((row) => presentServer(row, now));
}

export async function findServer(db: Queryable, id: string, now: Date): Promise<Server> {
  const [row] = await serverRows(db).where(eq(servers.id, id));
  if (!row) throw notFound('Server');
  return presentServer(row, now);
}
