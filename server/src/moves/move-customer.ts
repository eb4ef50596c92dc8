import { and, eq } from 'drizzle-orm';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { lockCustomer } from '../customers/customer-rules.js';
import { customerView } from '../customers/customers.queries.js';
import type { Customer } from '../customers/customers.schemas.js';
import { servers } from '../db/schema/servers.js';
import { conflict, unprocessable } from '../errors/problem.js';
import { serverNeeds } from '../servers/place-customer.js';
import { serverStatus } from '../servers/server-status.js';
import { customerMoves } from './moves.table.js';

/**
 * Starts moving a customer to another server and answers at once (202): the panel's mover takes
 * it from there (mover.ts). The customer's status is untouched; its `move` reads `running` until
 * the move is done or failed. Refused: a deleted customer or one being purged (409), its own
 * server or one that is not a server (422), a target offline (409) or without every role the
 * customer needs (422), a move already under way (409). Audited as `customer.move_started`.
 */
export async function moveCustomer(ctx: Context, id: string, input: { serverId: string }): Promise<Customer> {
  const customer = await ctx.db.transaction(async (tx) => {
    const current = await lockCustomer(tx, ctx.actor, id);
    if (current.status === 'deleted' || current.purgeStartedAt)
      throw conflict('A deleted customer is not moved; restore it first.', 'customer-deleted');
    const [running] = await tx
      .select({ id: customerMoves.id })
      .from(customerMoves)
      .where(and(eq(customerMoves.customerId, current.id), eq(customerMoves.state, 'running')));
    if (running) throw conflict('This customer is being moved already.', 'move-running');
    const [target] = await tx.select().from(servers).where(eq(servers.id, input.serverId)).for('share');
    if (!target) throw unprocessable('No such server.', [{ field: 'serverId', message: 'is not a server' }]);
    if (target.id === current.serverId)
      throw unprocessable(
        'The customer already lives on this server.',
        [{ field: 'serverId', message: 'is the server the customer lives on' }],
        'same-server',
      );
    if (serverStatus(target, ctx.now()) !== 'online')
      throw conflict(`Server ${target.name} is offline; start its agent first.`, 'server-offline');
    const needs = await serverNeeds(tx, current.packageId);
    if (needs.group !== null && target.group !== needs.group)
      throw unprocessable(
        `The customer's package places its customers in the server group "${needs.group}".`,
        [{ field: 'serverId', message: `is not in the server group "${needs.group}"` }],
        'server-outside-group',
      );
    const missing = needs.roles.filter((role) => !target.roles.includes(role));
    if (missing.length > 0)
      throw unprocessable(
        `Server ${target.name} lacks the roles this customer needs: ${missing.join(', ')}.`,
        [{ field: 'serverId', message: `lacks the roles ${missing.join(', ')}` }],
        'server-lacks-roles',
      );
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
      details: { fromServerId: current.serverId, toServerId: target.id, toServer: target.name },
    });
    return customerView(tx, ctx.actor, current.id);
  });
  ctx.signals.emit('movesChanged');
  return customer;
}
