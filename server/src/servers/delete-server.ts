import { count, eq } from 'drizzle-orm';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { customers } from '../db/schema/customers.js';
import { servers } from '../db/schema/servers.js';
import { conflict } from '../errors/problem.js';
import { lockServer } from './lock-server.js';

/**
 * Removes a server no customer lives on (soft-deleted ones count: their data is still there), and
 * with it its agent's credential. The local server is the panel's own machine and stays.
 * @throws 409 naming how many customers live on it.
 */
export async function deleteServer(ctx: Context, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const server = await lockServer(tx, id);
    if (server.local) throw conflict("The local server is the panel's own machine; it cannot be removed.");
    // The foreign key refuses a customer placed meanwhile; this names the count for the ones already there.
    const [placed] = await tx.select({ n: count() }).from(customers).where(eq(customers.serverId, id));
    const customerCount = Number(placed?.n ?? 0);
    if (customerCount > 0)
      throw conflict(
        `${customerCount} customer${customerCount === 1 ? ' lives' : 's live'} on this server; move or purge them first.`,
        'server-in-use',
      );
    await tx.delete(servers).where(eq(servers.id, id));
    await record(tx, ctx, {
      action: 'server.deleted',
      target: { type: 'server', id },
      details: { name: server.name },
    });
  });
}
