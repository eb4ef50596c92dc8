import { getTableName, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Queryable } from '../db/database.js';
import { selectRows } from '../db/raw.js';
import type { ServerRole } from '../db/schema/servers.js';
import type { HostedTable } from '../hosting/resource-kind.js';
import { type AppliedRows, desiredState, idList, tableOf } from './applied-rows.js';
import type { ClaimedKind, RecordedChange } from './claims.js';
import { type ServerRef, serverIdOf } from './server-ref.js';

// A kind every server of a role serves, whoever's customer it belongs to: the provider's name
// servers each serve every zone. Its applied state is kept per (resource, server) in the kind's own
// table (db/schema/reconciled.ts, appliedColumns), and each such server's reconciler converges its
// own rows: claims.ts's claims, leases, outcomes and drift check, on the rows perServerRows
// names (applied-rows.ts) instead of the resource's. What is its own is here: a server's rows made before it
// claims, and a resource removed once no server holds it any more.

/** The per-server table: `resource_id` and `server_id` with appliedColumns()'s columns. */
export type PerServerTable = PgTable & { resourceId: AnyPgColumn; serverId: AnyPgColumn };

/** The role whose every server serves the kind, and where each one's applied state is kept. */
export interface ServedByRole {
  role: ServerRole;
  table: PerServerTable;
}

type ServedKind = ClaimedKind & { servedBy: ServedByRole };

export const isServedByRole = (kind: ClaimedKind): kind is ServedKind => kind.servedBy !== undefined;

const perServer = (served: ServedByRole) => sql.identifier(getTableName(served.table));

/** Whether the server whose id is `serverId` (SQL) has the role now. */
const hasRole = (served: ServedByRole, serverId: SQL) =>
  sql`exists (select 1 from servers s where s.id = ${serverId} and ${served.role}::text = any(s.roles))`;

/** The kind's rows `l`, one per server: what `l.server_id` should hold of `r` is nothing once it lost the role. */
export function perServerRows(kind: ServedKind): AppliedRows {
  const row = sql.raw('l');
  return {
    table: sql`${perServer(kind.servedBy)} l`,
    row,
    resourceId: sql`l.resource_id`,
    serverOf: sql`l.server_id`,
    joins: {
      from: sql`${tableOf(kind)} r, customers c`,
      on: sql`r.id = l.resource_id and c.id = r.customer_id`,
    },
    desired: sql`(case when not ${hasRole(kind.servedBy, sql`l.server_id`)} then 'absent' else ${desiredState(kind)} end)`,
    onServer: (server) => sql`l.server_id = ${serverIdOf(server)}`,
    recordedBy: (server) => sql`l.server_id = ${serverIdOf(server)}`,
  };
}

/**
 * Brings the server's rows in step with the resources, before it claims: a row for each resource
 * it should serve and has none of (a new zone, or the server just given the role), and a resource
 * deleted or purged goes once no server holds it any more (the last server's outcome deletes it;
 * this catches the rest: two servers finishing at once, a server deleted meanwhile).
 */
export async function enroll(db: Queryable, kind: ServedKind, server: ServerRef): Promise<void> {
  const rows = perServer(kind.servedBy);
  const resources = tableOf(kind);
  const serverId = serverIdOf(server);
  await db.execute(sql`
    insert into ${rows} (resource_id, server_id)
    select r.id, ${serverId} from ${resources} r join customers c on c.id = r.customer_id
    where ${hasRole(kind.servedBy, serverId)} and ${desiredState(kind)} <> 'absent'
      and not exists (select 1 from ${rows} l where l.resource_id = r.id and l.server_id = ${serverId})
    on conflict do nothing`);
  await db.execute(sql`
    delete from ${resources} r using customers c
    where c.id = r.customer_id and (r.removed_at is not null or c.purge_started_at is not null)
      and not exists (select 1 from ${rows} l where l.resource_id = r.id)`);
}

/**
 * What the server took off: its rows go, and the resource too when it was deleted or purged and
 * no other server holds it any more. Answers when each change was made, for the convergence metric.
 */
export async function recordRemovedOnServer(
  tx: Queryable,
  kind: ServedKind,
  server: ServerRef,
  owner: string,
  removed: readonly { id: string }[],
): Promise<RecordedChange[]> {
  const rows = perServer(kind.servedBy);
  const serverId = serverIdOf(server);
  await tx.execute(sql`
    delete from ${rows} where server_id = ${serverId} and claimed_by = ${owner}
      and resource_id in (${idList(removed)})`);
  // The convergence metric's server is the one that applied the change, not the customer's.
  return selectRows(
    tx,
    sql`delete from ${tableOf(kind)} r using customers c
      where c.id = r.customer_id and r.id in (${idList(removed)})
        and (r.removed_at is not null or c.purge_started_at is not null)
        and not exists (select 1 from ${rows} l where l.resource_id = r.id)
      returning greatest(r.updated_at, c.updated_at) as "changedAt",
        (select s.name from servers s where s.id = ${serverId}) as "server"`,
  );
}

/** For hosting/hosted-resources.ts's neverApplied: no server has applied `table`'s row or holds it now. */
export const neverAppliedOnServers = (served: ServedByRole, table: HostedTable, now: Date) =>
  sql`not exists (select 1 from ${perServer(served)} l where l.resource_id = ${table.id}
    and (l.applied_state is not null or l.provisioning_state = 'error' or l.claimed_until >= ${now}))`;
