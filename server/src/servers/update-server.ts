import { eq } from 'drizzle-orm';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { servers } from '../db/schema/servers.js';
import { notifyReconcilers, wakeReconciler } from '../hosting/resource-changes.js';
import { lockServer } from './lock-server.js';
import { claimingServerName } from './server-name-taken.js';
import { findServer } from './servers.queries.js';
import type { Server, UpdateServerBody } from './servers.schemas.js';

/**
 * Renames a server or changes its roles, capacity or group. Roles and group steer where new
 * customers are placed; customers already on the server stay there. The dns role also says which
 * servers serve every zone.
 */
export async function updateServer(ctx: Context, id: string, input: UpdateServerBody): Promise<Server> {
  const name = input.name?.trim();
  const now = ctx.now();
  const updated = await claimingServerName(name ?? '', () =>
    ctx.db.transaction(async (tx) => {
      const before = await lockServer(tx, id);
      const changes = { name, roles: input.roles, capacity: input.capacity, group: input.group };
      await tx
        .update(servers)
        .set({ ...changes, updatedAt: now })
        .where(eq(servers.id, id));
      await record(tx, ctx, {
        action: 'server.updated',
        target: { type: 'server', id },
        details: {
          name: name ?? before.name,
          before: { name: before.name, roles: before.roles, capacity: before.capacity, group: before.group },
          after: Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)),
        },
      });
      // A server given or denied a role that every such server serves (dns) loads or drops those resources.
      if (input.roles) await notifyReconcilers(tx);
      return findServer(tx, id, now);
    }),
  );
  if (input.roles) wakeReconciler(ctx);
  return updated;
}
