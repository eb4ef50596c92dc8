import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { servers } from '../db/schema/servers.js';
import { newEnrollmentToken } from './enrollment-token.js';
import { claimingServerName } from './server-name-taken.js';
import { findServer } from './servers.queries.js';
import type { CreateServerBody, Enrollment } from './servers.schemas.js';

/**
 * Adds a hosting server and answers its one-time enrollment token, shown this once (only its
 * digest is kept). The server is offline until an agent enrolls with the token and reports.
 */
export async function createServer(ctx: Context, input: CreateServerBody): Promise<Enrollment> {
  const name = input.name.trim();
  const now = ctx.now();
  const enrollment = newEnrollmentToken(now);
  return claimingServerName(name, () =>
    ctx.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(servers)
        .values({
          name,
          roles: input.roles,
          capacity: input.capacity,
          group: input.group ?? null,
          ...enrollment.columns,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: servers.id });
      if (!created) throw new Error('server insert returned nothing');
      await record(tx, ctx, {
        action: 'server.created',
        target: { type: 'server', id: created.id },
        details: { name, roles: input.roles, capacity: input.capacity ?? null, group: input.group ?? null },
      });
      return { server: await findServer(tx, created.id, now), enrollmentToken: enrollment.token };
    }),
  );
}
