import { asc, desc, ne, sql } from 'drizzle-orm';
import { visibleCustomer } from '../access/visible-customer.js';
import type { Context } from '../context.js';
import { servers } from '../db/schema/servers.js';
import { serverStatus } from '../servers/server-status.js';
import { moveTargetRule } from './move-target.js';
import type { MoveTarget } from './moves.schemas.js';

/**
 * Every other server with whether the customer could be moved there now, and why not: the move's
 * own target rule, so a server shown eligible is one POST /customers/{id}/move accepts (unless it
 * goes offline meanwhile). Whether the customer may move at all is its `move` permission.
 */
export async function listMoveTargets(ctx: Context, customerId: string): Promise<MoveTarget[]> {
  const customer = await visibleCustomer(ctx.db, ctx.actor, customerId);
  const now = ctx.now();
  const judge = await moveTargetRule(ctx.db, customer, now);
  const rows = await ctx.db
    .select()
    .from(servers)
    .where(ne(servers.id, customer.serverId))
    .orderBy(desc(servers.local), asc(sql`lower(${servers.name})`));
  return rows.map((server) => {
    const verdict = judge(server);
    return {
      id: server.id,
      name: server.name,
      roles: server.roles,
      group: server.group,
      status: serverStatus(server, now),
      eligible: verdict.allowed,
      reason: verdict.allowed ? null : verdict.reason,
    };
  });
}
