import { eq } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { mayMoveCustomer } from '../customers/customer-policy.js';
import { lockCustomer } from '../customers/customer-rules.js';
import { customerView } from '../customers/customers.queries.js';
import type { Customer } from '../customers/customers.schemas.js';
import { servers } from '../db/schema/servers.js';
import { unprocessable } from '../errors/problem.js';
import { moveTargetRule } from './move-target.js';
import { customerMoves } from './moves.table.js';

/**
 * Starts moving a customer to another server and answers at once (202): the panel's mover takes
 * it from there (mover.ts). The customer's status is untouched; its `move` reads `running` until
 * the move is done or failed, and meanwhile its lifecycle actions are refused (409
 * `customer-moving`, customer-policy.ts). Refused: a deleted customer or one being purged (409),
 * a move already under way (409), what is not a server (422), and a server the target rule
 * refuses (move-target.ts: its own, offline, outside its package's group, lacking a role).
 * Audited as `customer.move_started`.
 */
export async function moveCustomer(ctx: Context, id: string, input: { serverId: string }): Promise<Customer> {
  const customer = await ctx.db.transaction(async (tx) => {
    const current = await lockCustomer(tx, ctx.actor, id);
    enforce(mayMoveCustomer(ctx.actor, current));
    const [target] = await tx.select().from(servers).where(eq(servers.id, input.serverId)).for('share');
    if (!target) throw unprocessable('No such server.', [{ field: 'serverId', message: 'is not a server' }]);
    enforce((await moveTargetRule(tx, current, ctx.now()))(target));
    const [from] = await tx
      .select({ name: servers.name })
      .from(servers)
      .where(eq(servers.id, current.serverId));
    const [move] = await tx
      .insert(customerMoves)
      .values({
        customerId: current.id,
        fromServerId: current.serverId,
        toServerId: target.id,
        createdAt: ctx.now(),
        stepStartedAt: ctx.now(),
      })
      .returning();
    if (!move) throw new Error('the move was not recorded');
    await record(tx, ctx, {
      action: 'customer.move_started',
      customerId: current.id,
      target: { type: 'customer', id: current.id },
      details: {
        fromServerId: current.serverId,
        fromServer: from?.name ?? null,
        toServerId: target.id,
        toServer: target.name,
      },
    });
    return customerView(tx, ctx.actor, current.id);
  });
  ctx.signals.emit('movesChanged');
  return customer;
}
