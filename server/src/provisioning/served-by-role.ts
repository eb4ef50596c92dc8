import { getTableName, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Database, Queryable } from '../db/database.js';
import { selectRows } from '../db/raw.js';
import type { ServerRole } from '../db/schema/servers.js';
import type { HostedTable } from '../hosting/resource-kind.js';
import {
  appliedValues,
  type Claim,
  type ClaimedKind,
  claimLeaseMs,
  desiredState,
  idList,
  tableOf,
} from './claims.js';
import { type ServerRef, serverIdOf } from './server-ref.js';

// A kind every server of a role serves, whoever's customer it belongs to: the provider's name
// servers each serve every zone. Its applied state is kept per (resource, server) in the kind's own
// table (db/schema/reconciled.ts, appliedColumns), and each such server's reconciler converges its
// own rows: the same claims, leases, outcomes and drift check as a kind served by its customer's
// server (claims.ts), on those rows instead of the resource's.

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

/** What the server `l.server_id` should hold of `r`: nothing once it lost the role, else its effective state. */
const desiredOnServer = (kind: ServedKind) =>
  sql`(case when not ${hasRole(kind.servedBy, sql`l.server_id`)} then 'absent' else ${desiredState(kind)} end)`;

const unconvergedOnServer = (kind: ServedKind) =>
  sql`(l.applied_generation <> r.desired_generation or l.provisioning_state <> 'ready'
    or l.applied_state is distinct from ${desiredOnServer(kind)})`;

/** The server's rows, for claims.ts's statements that read the same on both kinds of table. */
export function appliedRowsOn(served: ServedByRole, server: ServerRef) {
  const onServer = sql`server_id = ${serverIdOf(server)}`;
  return {
    table: perServer(served),
    onServer,
    of: (id: string) => sql`resource_id = ${id} and ${onServer}`,
  };
}

/**
 * Brings the server's rows in step with the resources, before it claims: a row for each resource
 * it should serve and has none of (a new zone, or the server just given the role), and a resource
 * deleted or purged goes once no server holds it any more (the last server's outcome deletes it;
 * this catches the rest: two servers finishing at once, a server deleted meanwhile).
 */
async function enroll(db: Queryable, kind: ServedKind, server: ServerRef): Promise<void> {
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

const claimColumns = (kind: ServedKind) =>
  sql`r.id, r.customer_id as "customerId", r.desired_generation as "generation", ${desiredOnServer(kind)} as "state"`;

const fromServerRows = (kind: ServedKind) =>
  sql`${perServer(kind.servedBy)} l join ${tableOf(kind)} r on r.id = l.resource_id join customers c on c.id = r.customer_id`;

const asClaims = (rows: Claim[]) => rows.map((row) => ({ ...row, generation: Number(row.generation) }));

/** claims.ts's claimUnconverged on the server's rows. */
export async function claimOnServer(
  db: Database,
  kind: ServedKind,
  server: ServerRef,
  owner: string,
  now: Date,
  limit: number,
): Promise<Claim[]> {
  const until = new Date(now.getTime() + claimLeaseMs);
  const serverId = serverIdOf(server);
  return db.transaction(async (tx) => {
    await enroll(tx, kind, server);
    const candidates = await selectRows<Claim>(
      tx,
      sql`
      select ${claimColumns(kind)}
      from ${fromServerRows(kind)}
      where l.server_id = ${serverId}
        and (l.claimed_until is null or l.claimed_until < ${now})
        and (l.retry_at is null or l.retry_at <= ${now})
        and ${unconvergedOnServer(kind)}
      order by l.retry_at nulls first, r.id
      limit ${limit}
      for update of l skip locked`,
    );
    if (candidates.length === 0) return [];
    await tx.execute(sql`
      update ${perServer(kind.servedBy)} set claimed_until = ${until}, claimed_by = ${owner}
      where server_id = ${serverId} and resource_id in (${idList(candidates)})`);
    return asClaims(candidates);
  });
}

/** claims.ts's convergedClaims on the server's rows. */
export async function convergedOnServer(
  db: Database,
  kind: ServedKind,
  server: ServerRef,
  now: Date,
): Promise<Claim[]> {
  const rows = await selectRows<Claim>(
    db,
    sql`
    select ${claimColumns(kind)}
    from ${fromServerRows(kind)}
    where l.server_id = ${serverIdOf(server)}
      and (l.claimed_until is null or l.claimed_until < ${now})
      and not ${unconvergedOnServer(kind)}
    order by r.id`,
  );
  return asClaims(rows);
}

/** Rows of every server that wait for it to apply them. */
export async function countUnconvergedOnServers(
  db: Database,
  kind: ServedKind,
): Promise<{ server: string; count: number }[]> {
  const rows = await selectRows<{ server: string; count: number }>(
    db,
    sql`select s.name as "server", count(l.resource_id)::int as "count"
      from servers s left join (${fromServerRows(kind)}) on l.server_id = s.id and ${unconvergedOnServer(kind)}
      group by s.name`,
  );
  return rows.map((row) => ({ server: row.server, count: Number(row.count) }));
}

/**
 * What the server applied (its rows now match) and took off (its rows go; the resource too, when
 * it was deleted or purged and no other server holds it). Answers when each change was made, for
 * the convergence metric.
 */
export async function recordDone(
  tx: Queryable,
  kind: ServedKind,
  server: ServerRef,
  owner: string,
  now: Date,
  done: { removed: Claim[]; applied: Claim[] },
): Promise<{ changedAt: Date | string; server: string }[]> {
  const rows = perServer(kind.servedBy);
  const resources = tableOf(kind);
  const serverId = serverIdOf(server);
  // The convergence metric's server is the one that applied the change, not the customer's.
  const changeOnServer = sql`greatest(r.updated_at, c.updated_at) as "changedAt",
    (select s.name from servers s where s.id = ${serverId}) as "server"`;
  let changes: { changedAt: Date | string; server: string }[] = [];
  if (done.removed.length > 0) {
    await tx.execute(sql`
      delete from ${rows} where server_id = ${serverId} and claimed_by = ${owner}
        and resource_id in (${idList(done.removed)})`);
    changes = await selectRows(
      tx,
      sql`delete from ${resources} r using customers c
        where c.id = r.customer_id and r.id in (${idList(done.removed)})
          and (r.removed_at is not null or c.purge_started_at is not null)
          and not exists (select 1 from ${rows} l where l.resource_id = r.id)
        returning ${changeOnServer}`,
    );
  }
  if (done.applied.length > 0) {
    const applied = await selectRows<{ changedAt: Date | string; server: string }>(
      tx,
      sql`
      update ${rows} l set applied_generation = a.generation, applied_state = a.state,
        provisioning_state = 'ready', provisioning_error = null, provisioning_updated_at = ${now},
        attempts = 0, retry_at = null, claimed_until = null, claimed_by = null
      from ${appliedValues(done.applied)} as a(id, generation, state), ${resources} r, customers c
      where l.resource_id = a.id and l.server_id = ${serverId} and l.claimed_by = ${owner}
        and r.id = a.id and c.id = r.customer_id
      returning ${changeOnServer}`,
    );
    changes = changes.concat(applied);
  }
  return changes;
}

/**
 * hosting/repair-resources.ts's marking on the server's rows: those still as its drift check saw
 * them (ready at the resource's generation, unclaimed) go back to pending. Answers their ids.
 */
export async function markOnServerForRepair(
  tx: Queryable,
  kind: ServedKind,
  server: ServerRef,
  ids: readonly string[],
  now: Date,
): Promise<string[]> {
  const rows = await selectRows<{ id: string }>(
    tx,
    sql`
    update ${perServer(kind.servedBy)} l set provisioning_state = 'pending', provisioning_updated_at = ${now}
    from ${tableOf(kind)} r
    where r.id = l.resource_id and l.server_id = ${serverIdOf(server)}
      and l.resource_id in (${idList(ids.map((id) => ({ id })))})
      and l.provisioning_state = 'ready' and l.applied_generation = r.desired_generation
      and (l.claimed_until is null or l.claimed_until < ${now})
    returning l.resource_id as id`,
  );
  return rows.map((row) => row.id);
}

/** For hosting/hosted-resources.ts's neverApplied: no server has applied `table`'s row or holds it now. */
export const neverAppliedOnServers = (served: ServedByRole, table: HostedTable, now: Date) =>
  sql`not exists (select 1 from ${perServer(served)} l where l.resource_id = ${table.id}
    and (l.applied_state is not null or l.provisioning_state = 'error' or l.claimed_until >= ${now}))`;
