import { getTableName, type SQL, sql } from 'drizzle-orm';
import type { Claim, ClaimedKind } from './claims.js';
import { customerOnServer, type ServerRef, serverIdOf } from './server-ref.js';

// The pieces of claims.ts's statements, whichever rows a kind keeps its applied state in.

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
 * Where servers keep their applied state of a kind, as the pieces of the statements below: the
 * resources' own rows (their customer's server serves them), or the kind's per-server table when
 * every server of a role serves it (served-by-role.ts). Every piece names the applied row `row`,
 * its resource `r` and the resource's customer `c`.
 */
export interface AppliedRows {
  /** The table with its alias, to select from or update. */
  table: SQL;
  /** The alias of the applied row: `r` itself, or `l`. */
  row: SQL;
  /** The resource's id on the applied row. */
  resourceId: SQL;
  /** The server the applied row is of. */
  serverOf: SQL;
  /** The rest of the `from` list that brings in `r` and `c`, and the condition joining them. */
  joins: { from: SQL; on: SQL };
  /** What the server should hold of `r` now. */
  desired: SQL;
  /** The rows the server converges now, on `row` alone. */
  onServer(server: ServerRef): SQL;
  /**
   * The rows the server records its outcomes in, on `row` alone: a resource's own row, whichever
   * server (it has only the one), or the server's row of it.
   */
  recordedBy(server: ServerRef): SQL;
}

export function ownRows(kind: ClaimedKind): AppliedRows {
  return {
    table: sql`${tableOf(kind)} r`,
    row: sql.raw('r'),
    resourceId: sql`r.id`,
    serverOf: sql`c.server_id`,
    joins: { from: sql`customers c`, on: sql`c.id = r.customer_id` },
    desired: desiredState(kind),
    onServer: (server) => customerOnServer(server, sql`r.customer_id`),
    recordedBy: () => sql`true`,
  };
}

/** The applied row differs from what the panel wants (another generation or state, or not ready). */
export const unconverged = ({ row, desired }: AppliedRows) =>
  sql`(${row}.applied_generation <> r.desired_generation or ${row}.provisioning_state <> 'ready'
    or ${row}.applied_state is distinct from ${desired})`;

/** The server's rows of these resources, on `row` alone. */
export const rowsOf = (rows: AppliedRows, server: ServerRef, ids: readonly { id: string }[]) =>
  sql`${rows.recordedBy(server)} and ${rows.resourceId} in (${idList(ids)})`;

export const unclaimed = ({ row }: AppliedRows, now: Date) =>
  sql`(${row}.claimed_until is null or ${row}.claimed_until < ${now})`;

/** The server's applied rows of the kind, as claims: `from … where` up to the caller's conditions. */
export const claimsOn = (rows: AppliedRows, server: ServerRef) =>
  sql`select r.id, r.customer_id as "customerId", r.desired_generation as "generation",
    ${rows.desired} as "state"
  from ${rows.table}, ${rows.joins.from}
  where ${rows.joins.on} and ${rows.serverOf} = ${serverIdOf(server)}`;

export const asClaims = (rows: Claim[]) =>
  rows.map((row) => ({ ...row, generation: Number(row.generation) }));
