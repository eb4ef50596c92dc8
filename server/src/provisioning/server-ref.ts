import { type SQL, sql } from 'drizzle-orm';

/**
 * The hosting server a reconciler converges: the panel's own (the in-process reconciler) or one
 * an agent serves. Every claim, outcome and drift check is limited to the resources whose
 * customer lives there, so no server takes another's work.
 */
export type ServerRef = { local: true } | { id: string };

export const localServer: ServerRef = { local: true };

/**
 * The server's id in SQL. The local one as an uncorrelated subquery, which PostgreSQL evaluates
 * once per statement (a function call in the filter would run per row of a bulk claim).
 */
export const serverIdOf = (server: ServerRef): SQL =>
  'id' in server ? sql`${server.id}::uuid` : sql`(select id from servers where local)`;

/** Whether the customer whose id is `customerId` lives on the server. */
export const customerOnServer = (server: ServerRef, customerId: SQL): SQL =>
  sql`${customerId} in (select id from customers where server_id = ${serverIdOf(server)})`;
