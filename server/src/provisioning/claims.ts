import { getTableName, type SQL, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../db/database.js';
import { selectRows } from '../db/raw.js';
import type { StatusStates } from '../hosting/effective-state.js';
import type { HostedTable } from '../hosting/resource-kind.js';
import { convergenceSeconds } from '../metrics/reconciler-metrics.js';
import {
  type AppliedRows,
  appliedValues,
  asClaims,
  claimsOn,
  idList,
  ownRows,
  rowsOf,
  tableOf,
  unclaimed,
  unconverged,
} from './applied-rows.js';
import type { DesiredState, HeldResource } from './drivers/types.js';
import * as onEveryServer from './served-by-role.js';
import { customerOnServer, type ServerRef } from './server-ref.js';

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

/** How metrics name the kind: its table (websites, databases, mailboxes …). */
export const kindLabel = (kind: ClaimedKind) => getTableName(kind.table);

/**
 * How long a claim holds before another reconciler may take the resource over: longer than a
 * batch takes to apply, short enough that a crashed process's work is picked up soon.
 */
export const claimLeaseMs = 60_000;

/** Where the kind's applied state is kept (applied-rows.ts). */
const appliedRows = (kind: ClaimedKind): AppliedRows =>
  onEveryServer.isServedByRole(kind) ? onEveryServer.perServerRows(kind) : ownRows(kind);

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
    const rows = appliedRows(kind);
    await db.execute(
      sql`update ${rows.table} set claimed_until = null, claimed_by = null
        where ${rows.row}.claimed_by is not null and ${rows.onServer(server)}`,
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
  const rows = appliedRows(kind);
  const until = new Date(now.getTime() + claimLeaseMs);
  return db.transaction(async (tx) => {
    if (onEveryServer.isServedByRole(kind)) await onEveryServer.enroll(tx, kind, server);
    const candidates = await selectRows<Claim>(
      tx,
      sql`${claimsOn(rows, server)}
        and ${unclaimed(rows, now)}
        and (${rows.row}.retry_at is null or ${rows.row}.retry_at <= ${now})
        and ${unconverged(rows)}
      order by ${rows.row}.retry_at nulls first, r.id
      limit ${limit}
      for update of ${rows.row} skip locked`,
    );
    if (candidates.length === 0) return [];
    await tx.execute(sql`
      update ${rows.table} set claimed_until = ${until}, claimed_by = ${owner}
      where ${rowsOf(rows, server, candidates)}`);
    return asClaims(candidates);
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
  const rows = appliedRows(kind);
  return asClaims(
    await selectRows<Claim>(
      db,
      sql`${claimsOn(rows, server)} and ${unclaimed(rows, now)} and not ${unconverged(rows)}
      order by r.id`,
    ),
  );
}

/**
 * How many resources of the kind wait for their service (pending, failed, or being applied), on
 * each server by name: every server, zero included, so a drained queue reads 0 rather than vanishing.
 */
export async function countUnconverged(
  db: Database,
  kind: ClaimedKind,
): Promise<{ server: string; count: number }[]> {
  const rows = appliedRows(kind);
  const counted = await selectRows<{ server: string; count: number }>(
    db,
    sql`select s.name as "server", count(w.id)::int as "count"
      from servers s left join (
        select r.id, ${rows.serverOf} as server_id from ${rows.table}, ${rows.joins.from}
        where ${rows.joins.on} and ${unconverged(rows)}
      ) w on w.server_id = s.id
      group by s.name`,
  );
  return counted.map((row) => ({ server: row.server, count: Number(row.count) }));
}

/**
 * hosting/repair-resources.ts's marking: the server's rows of these resources still as its drift
 * check saw them (ready at the resource's generation, unclaimed) go back to pending. Answers
 * their ids.
 */
export async function markUnchangedForRepair(
  tx: Queryable,
  kind: ClaimedKind,
  server: ServerRef,
  ids: readonly string[],
  now: Date,
): Promise<string[]> {
  const rows = appliedRows(kind);
  const marked = await selectRows<{ id: string }>(
    tx,
    sql`
    update ${rows.table} set provisioning_state = 'pending', provisioning_updated_at = ${now}
    from ${rows.joins.from}
    where ${rows.joins.on} and ${rowsOf(
      rows,
      server,
      ids.map((id) => ({ id })),
    )}
      and ${rows.row}.provisioning_state = 'ready' and ${rows.row}.applied_generation = r.desired_generation
      and ${unclaimed(rows, now)}
    returning ${rows.resourceId} as id`,
  );
  return marked.map((row) => row.id);
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

/** When a change a driver applied was made, and on which server: for the convergence metric. */
export interface RecordedChange {
  changedAt: Date | string;
  server: string;
}

/** What each resource `r` of customer `c` settled on `server` answers: a RecordedChange. */
const changeOf = (server: SQL) => sql`greatest(r.updated_at, c.updated_at) as "changedAt",
  (select s.name from servers s where s.id = ${server}) as "server"`;

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
  const rows = appliedRows(kind);
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
  let changes: RecordedChange[] = [];
  await db.transaction(async (tx) => {
    // A bulk suspension hands thousands of outcomes at once: one statement each for the removed and
    // the applied, not one per resource.
    if (removed.length > 0) {
      changes = onEveryServer.isServedByRole(kind)
        ? await onEveryServer.recordRemovedOnServer(tx, kind, server, owner, removed)
        : await selectRows(
            tx,
            sql`delete from ${rows.table} using ${rows.joins.from}
              where ${rows.joins.on} and r.claimed_by = ${owner} and r.id in (${idList(removed)})
                and (r.removed_at is not null or c.purge_started_at is not null)
              returning ${changeOf(rows.serverOf)}`,
          );
    }
    if (applied.length > 0) {
      const appliedChanges = await selectRows<RecordedChange>(
        tx,
        sql`
        update ${rows.table} set applied_generation = a.generation, applied_state = a.state,
          provisioning_state = 'ready', provisioning_error = null, provisioning_updated_at = ${now},
          attempts = 0, retry_at = null, claimed_until = null, claimed_by = null
        from ${appliedValues(applied)} as a(id, generation, state), ${rows.joins.from}
        where ${rows.resourceId} = a.id and ${rows.recordedBy(server)} and ${rows.joins.on}
          and ${rows.row}.claimed_by = ${owner}
        returning ${changeOf(rows.serverOf)}`,
      );
      changes = changes.concat(appliedChanges);
    }
    for (const { claim, error, unconfigured } of failed) {
      const [row] = await selectRows<{ attempts: number }>(
        tx,
        sql`select attempts from ${rows.table} where ${rowsOf(rows, server, [claim])}`,
      );
      const attempts = Number(row?.attempts ?? 0) + 1;
      const retryAt = new Date(now.getTime() + (unconfigured ? maxRetryDelayMs : retryDelayMs(attempts)));
      if (!earliestRetry || retryAt < earliestRetry) earliestRetry = retryAt;
      await tx.execute(sql`
        update ${rows.table} set provisioning_state = ${unconfigured ? 'pending' : 'error'},
          provisioning_error = ${error}, provisioning_updated_at = ${now},
          attempts = ${attempts}, retry_at = ${retryAt}, claimed_until = null, claimed_by = null
        where ${rowsOf(rows, server, [claim])} and ${rows.row}.claimed_by = ${owner}`);
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
  const rows = appliedRows(kind);
  const released = await selectRows<{ n: number }>(
    db,
    sql`update ${rows.table} set retry_at = null
      where ${rows.row}.provisioning_state = 'error' and ${rows.row}.retry_at is not null
        and ${rows.onServer(server)}
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
  const rows = appliedRows(kind);
  await db.transaction(async (tx) => {
    for (const { id, error } of held) {
      const [row] = await selectRows<{ attempts: number }>(
        tx,
        sql`select attempts from ${rows.table}
          where ${rowsOf(rows, server, [{ id }])} and ${rows.onServer(server)} for update`,
      );
      if (!row) continue;
      const attempts = Number(row.attempts) + 1;
      await tx.execute(sql`
        update ${rows.table} set provisioning_state = 'error', provisioning_error = ${error},
          provisioning_updated_at = ${now}, attempts = ${attempts},
          retry_at = ${new Date(now.getTime() + retryDelayMs(attempts))}
        where ${rowsOf(rows, server, [{ id }])} and ${unclaimed(rows, now)}`);
    }
  });
}
