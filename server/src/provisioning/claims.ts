import { getTableName, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { selectRows } from '../db/raw.js';
import type { StatusStates } from '../hosting/effective-state.js';
import type { HostedTable } from '../hosting/resource-kind.js';
import { convergenceSeconds } from '../metrics/reconciler-metrics.js';
import type { DesiredState, HeldResource } from './drivers/types.js';
import * as onEveryServer from './served-by-role.js';
import { customerOnServer, type ServerRef, serverIdOf } from './server-ref.js';

/**
 * What claiming needs of a kind: its table and what it is for each customer status, and for a
 * kind every server of a role serves (DNS zones), that role and its table of per-server state.
 */
export interface ClaimedKind {
  table: HostedTable;
  statusStates: StatusStates;
  servedBy?: onEveryServer.ServedByRole;
}

export interface Claim {
  id: string;
  customerId: string;
  generation: number;
  state: DesiredState;
}

/** hosting/effective-state.ts's rule in SQL: `r` is the resource, `c` its customer. */
export function desiredState(kind: ClaimedKind) {
  const byStatus = Object.entries(kind.statusStates).map(
    ([status, state]) => sql`when c.status = ${status} then ${state}`,
  );
  return sql`case
  when r.removed_at is not null or c.purge_started_at is not null then 'absent'
  when not r.enabled then 'suspended'
  ${sql.join(byStatus, sql` `)}
  else 'suspended' end`;
}

export const tableOf = (kind: ClaimedKind) => sql.identifier(getTableName(kind.table));

/** How metrics name the kind: its table (websites, databases, mailboxes …). */
export const kindLabel = (kind: ClaimedKind) => getTableName(kind.table);

/** The unconverged condition claimUnconverged takes work by, without its lease and retry time. */
function unconverged(kind: ClaimedKind) {
  const desired = desiredState(kind);
  return sql`(r.applied_generation <> r.desired_generation
    or r.provisioning_state <> 'ready'
    or r.applied_state is distinct from ${desired})`;
}

/** What a batch applied, as a `values` list of (id, generation, state). */
export const appliedValues = (applied: readonly Claim[]) =>
  sql`(values ${sql.join(
    applied.map((claim) => sql`(${claim.id}::uuid, ${claim.generation}::bigint, ${claim.state}::text)`),
    sql`, `,
  )})`;

export const idList = (rows: readonly { id: string }[]) =>
  sql.join(
    rows.map((row) => sql`${row.id}::uuid`),
    sql`, `,
  );

/**
 * How long a claim holds before another reconciler may take the resource over: longer than a
 * batch takes to apply, short enough that a crashed process's work is picked up soon.
 */
export const claimLeaseMs = 60_000;

/**
 * Where a server's applied state of a kind is kept: the resources' own rows (their customer lives
 * there), or the kind's per-server table when every server of a role serves it.
 */
interface AppliedRows {
  table: ReturnType<typeof sql.identifier>;
  /** The rows of the server. */
  onServer: SQL;
  /** The server's row of one resource. */
  of(id: string): SQL;
}

function appliedRows(kind: ClaimedKind, server: ServerRef): AppliedRows {
  if (kind.servedBy) return onEveryServer.appliedRowsOn(kind.servedBy, server);
  return {
    table: tableOf(kind),
    onServer: customerOnServer(server, sql`customer_id`),
    of: (id) => sql`id = ${id}`,
  };
}

/**
 * Lets go of every claim on the server's resources. Only for their sole reconciler: the local
 * server's on embedded PGlite, or an agent starting (one agent per server), so claims left by a
 * killed predecessor need not wait out their lease.
 */
export async function releaseClaims(
  db: Database,
  server: ServerRef,
  kinds: readonly ClaimedKind[],
): Promise<void> {
  for (const kind of kinds) {
    const rows = appliedRows(kind, server);
    await db.execute(
      sql`update ${rows.table} set claimed_until = null, claimed_by = null
        where claimed_by is not null and ${rows.onServer}`,
    );
  }
}

/**
 * Takes up to `limit` resources whose service does not match what the panel says (another
 * generation, another effective state, or a failed attempt whose retry time has come), and holds
 * them with a lease. SKIP LOCKED lets several Keel processes claim side by side without
 * double work; the lease, not a long transaction, covers the time the driver takes.
 */
export async function claimUnconverged(
  db: Database,
  kind: ClaimedKind,
  server: ServerRef,
  owner: string,
  now: Date,
  limit: number,
): Promise<Claim[]> {
  if (onEveryServer.isServedByRole(kind))
    return onEveryServer.claimOnServer(db, kind, server, owner, now, limit);
  const resources = tableOf(kind);
  const until = new Date(now.getTime() + claimLeaseMs);
  const desired = desiredState(kind);
  return db.transaction(async (tx) => {
    const candidates = await selectRows<Claim>(
      tx,
      sql`
      select r.id, r.customer_id as "customerId", r.desired_generation as "generation",
        ${desired} as "state"
      from ${resources} r join customers c on c.id = r.customer_id
      where c.server_id = ${serverIdOf(server)}
        and (r.claimed_until is null or r.claimed_until < ${now})
        and (r.retry_at is null or r.retry_at <= ${now})
        and ${unconverged(kind)}
      order by r.retry_at nulls first, r.id
      limit ${limit}
      for update of r skip locked`,
    );
    if (candidates.length === 0) return [];
    await tx.execute(sql`
      update ${resources} set claimed_until = ${until}, claimed_by = ${owner}
      where id in (${idList(candidates)})`);
    return candidates.map((candidate) => ({ ...candidate, generation: Number(candidate.generation) }));
  });
}

/**
 * Every resource whose service holds what the panel wants (claimUnconverged's complement, unclaimed),
 * as claims of its current state: what a drift check compares the service with.
 */
export async function convergedClaims(
  db: Database,
  kind: ClaimedKind,
  server: ServerRef,
  now: Date,
): Promise<Claim[]> {
  if (onEveryServer.isServedByRole(kind)) return onEveryServer.convergedOnServer(db, kind, server, now);
  const desired = desiredState(kind);
  const rows = await selectRows<Claim>(
    db,
    sql`
    select r.id, r.customer_id as "customerId", r.desired_generation as "generation", ${desired} as "state"
    from ${tableOf(kind)} r join customers c on c.id = r.customer_id
    where c.server_id = ${serverIdOf(server)}
      and (r.claimed_until is null or r.claimed_until < ${now})
      and r.applied_generation = r.desired_generation
      and r.provisioning_state = 'ready'
      and r.applied_state is not distinct from ${desired}
    order by r.id`,
  );
  return rows.map((row) => ({ ...row, generation: Number(row.generation) }));
}

/**
 * How many resources of the kind wait for their service (pending, failed, or being applied), on
 * each server by name: every server, zero included, so a drained queue reads 0 rather than vanishing.
 */
export async function countUnconverged(
  db: Database,
  kind: ClaimedKind,
): Promise<{ server: string; count: number }[]> {
  if (onEveryServer.isServedByRole(kind)) return onEveryServer.countUnconvergedOnServers(db, kind);
  const rows = await selectRows<{ server: string; count: number }>(
    db,
    sql`select s.name as "server", count(r.id)::int as "count"
      from servers s left join (${tableOf(kind)} r join customers c
        on c.id = r.customer_id and ${unconverged(kind)}) on c.server_id = s.id
      group by s.name`,
  );
  return rows.map((row) => ({ server: row.server, count: Number(row.count) }));
}

/** Every resource id of the kind on the server, whatever its state: files named by them are Keel's. */
export async function knownIds(db: Database, kind: ClaimedKind, server: ServerRef): Promise<string[]> {
  // A kind every server of a role serves has every resource on each of them.
  const onServer = kind.servedBy ? sql`true` : customerOnServer(server, sql`customer_id`);
  const rows = await selectRows<{ id: string }>(db, sql`select id from ${tableOf(kind)} where ${onServer}`);
  return rows.map((row) => row.id);
}

export interface Outcome {
  claim: Claim;
  ok: boolean;
  error: string | null;
  /** Not an error of the service: the service is not configured, so the resource stays pending. */
  unconfigured: boolean;
}

/**
 * The longest a failed resource waits for its next attempt. A suspension waiting on a service
 * that was down must take effect soon after the service is back, so the wait stays short; the
 * driver's probe (ServiceRecovery) usually ends it earlier still.
 */
export const maxRetryDelayMs = 30_000;

/** 1 s after the first failure, doubling, never more than maxRetryDelayMs. */
export function retryDelayMs(attempts: number): number {
  return Math.min(maxRetryDelayMs, 1000 * 2 ** Math.max(0, attempts - 1));
}

interface Change {
  changedAt: Date | string;
  server: string;
}

/** What recordOutcomes returns of each resource `r` of customer `c` it settled: a Change. */
const changeReturned = sql`greatest(r.updated_at, c.updated_at) as "changedAt",
  (select s.name from servers s where s.id = c.server_id) as "server"`;

/**
 * Records what the driver did and lets go of the claims. A resource removed from its service is
 * deleted for good, but only when the panel wants it gone (deleted, or its customer being purged:
 * neither can be undone), whatever a reconciler reports; a failure is retried later with
 * exponential backoff. Answers the earliest
 * retry time it set, so the reconciler can wake for it, or null when nothing failed.
 */
export async function recordOutcomes(
  db: Database,
  kind: ClaimedKind,
  server: ServerRef,
  owner: string,
  now: Date,
  outcomes: Outcome[],
): Promise<Date | null> {
  const resources = tableOf(kind);
  const rows = appliedRows(kind, server);
  const removed = outcomes
    .filter(({ ok, claim }) => ok && claim.state === 'absent')
    .map(({ claim }) => claim);
  const applied = outcomes
    .filter(({ ok, claim }) => ok && claim.state !== 'absent')
    .map(({ claim }) => claim);
  const failed = outcomes.filter(({ ok }) => !ok);
  let earliestRetry: Date | null = null;
  // When each change the driver applied was made (the resource's or its customer's, whichever
  // came last), and on which server: the convergence time the metrics report, once committed.
  let changes: Change[] = [];
  await db.transaction(async (tx) => {
    // A bulk suspension hands thousands of outcomes at once: one statement each for the removed and
    // the applied, not one per resource.
    if (onEveryServer.isServedByRole(kind)) {
      changes = await onEveryServer.recordDone(tx, kind, server, owner, now, { removed, applied });
    } else if (removed.length > 0) {
      changes = await selectRows(
        tx,
        sql`delete from ${resources} r using customers c
          where c.id = r.customer_id and r.claimed_by = ${owner} and r.id in (${idList(removed)})
            and (r.removed_at is not null or c.purge_started_at is not null)
          returning ${changeReturned}`,
      );
    }
    if (applied.length > 0 && !kind.servedBy) {
      const appliedChanges = await selectRows<Change>(
        tx,
        sql`
        update ${resources} r set applied_generation = a.generation, applied_state = a.state,
          provisioning_state = 'ready', provisioning_error = null, provisioning_updated_at = ${now},
          attempts = 0, retry_at = null, claimed_until = null, claimed_by = null
        from ${appliedValues(applied)} as a(id, generation, state), customers c
        where r.id = a.id and r.claimed_by = ${owner} and c.id = r.customer_id
        returning ${changeReturned}`,
      );
      changes = changes.concat(appliedChanges);
    }
    for (const { claim, error, unconfigured } of failed) {
      const [row] = await selectRows<{ attempts: number }>(
        tx,
        sql`select attempts from ${rows.table} where ${rows.of(claim.id)}`,
      );
      const attempts = Number(row?.attempts ?? 0) + 1;
      const retryAt = new Date(now.getTime() + (unconfigured ? maxRetryDelayMs : retryDelayMs(attempts)));
      if (!earliestRetry || retryAt < earliestRetry) earliestRetry = retryAt;
      await tx.execute(sql`
        update ${rows.table} set provisioning_state = ${unconfigured ? 'pending' : 'error'},
          provisioning_error = ${error}, provisioning_updated_at = ${now},
          attempts = ${attempts}, retry_at = ${retryAt}, claimed_until = null, claimed_by = null
        where ${rows.of(claim.id)} and claimed_by = ${owner}`);
    }
  });
  for (const { changedAt, server } of changes) {
    const seconds = (now.getTime() - new Date(changedAt).getTime()) / 1000;
    convergenceSeconds.observe({ kind: kindLabel(kind), server }, Math.max(0, seconds));
  }
  return earliestRetry;
}

/**
 * The service of this kind answers again: every resource that failed on it may try at once
 * instead of waiting out its backoff. Attempts are kept, so a resource failing for a reason of
 * its own goes back to the wait it had reached.
 */
export async function retryFailedNow(db: Database, kind: ClaimedKind, server: ServerRef): Promise<number> {
  const rows = appliedRows(kind, server);
  const released = await selectRows<{ n: number }>(
    db,
    sql`update ${rows.table} set retry_at = null
      where provisioning_state = 'error' and retry_at is not null and ${rows.onServer}
      returning 1 as n`,
  );
  return released.length;
}

/**
 * Records resources their service took off outside their own batch: they show the service's
 * error, and since they are no longer `ready` they are claimed and applied again at their retry
 * time. A resource some reconciler holds right now is left to the outcome it will record.
 */
export async function recordHeld(
  db: Database,
  kind: ClaimedKind,
  server: ServerRef,
  now: Date,
  held: readonly HeldResource[],
): Promise<void> {
  const rows = appliedRows(kind, server);
  await db.transaction(async (tx) => {
    for (const { id, error } of held) {
      const [row] = await selectRows<{ attempts: number }>(
        tx,
        sql`select attempts from ${rows.table} where ${rows.of(id)} and ${rows.onServer} for update`,
      );
      if (!row) continue;
      const attempts = Number(row.attempts) + 1;
      await tx.execute(sql`
        update ${rows.table} set provisioning_state = 'error', provisioning_error = ${error},
          provisioning_updated_at = ${now}, attempts = ${attempts},
          retry_at = ${new Date(now.getTime() + retryDelayMs(attempts))}
        where ${rows.of(id)} and (claimed_until is null or claimed_until < ${now})`);
    }
  });
}
