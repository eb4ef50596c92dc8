import { count, eq } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { customers } from '../db/schema/customers.js';
import { servers } from '../db/schema/servers.js';
import { lockServer } from './lock-server.js';
import { mayDeleteServer } from './server-policy.js';

/**
 * Removes a server no customer lives on, and with it its agent's credential (server-policy.ts).
 * @throws 409 for the local server, or naming how many customers live on it.
 */
export async function deleteServer(ctx: Context, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const server = await lockServer(tx, id);
    // Counted under the server's lock: the foreign key refuses a customer placed meanwhile anyway.
    const [placed] = await tx.select({ n: count() }).from(customers).where(eq(customers.serverId, id));
    enforce(mayDeleteServer({ local: server.local, customerCount: Number(placed?.n ?? 0) }));
    await tx.delete(servers).where(eq(servers.id, id));
    await record(tx, ctx, {
      action: 'server.deleted',
      target: { type: 'server', id },
      details: { name: server.name },
    });
  });
}
