import { eq } from 'drizzle-orm';
import { enforce } from '../access/policy.js';
import { record } from '../audit/record.js';
import type { Context } from '../context.js';
import { servers } from '../db/schema/servers.js';
import { newEnrollmentToken } from './enrollment-token.js';
import { lockServer } from './lock-server.js';
import { mayReissueEnrollment } from './server-policy.js';
import { findServer } from './servers.queries.js';
import type { Enrollment } from './servers.schemas.js';

/**
 * Revokes the server's agent credential at once (its next request is refused) and answers a new
 * one-time enrollment token: a lost machine is cut off, a reinstalled one joins again with it.
 */
export async function reissueEnrollment(ctx: Context, id: string): Promise<Enrollment> {
  const now = ctx.now();
  const enrollment = newEnrollmentToken(now);
  return ctx.db.transaction(async (tx) => {
    const server = await lockServer(tx, id);
    enforce(mayReissueEnrollment(server));
    await tx
      .update(servers)
      .set({ agentCredentialHash: null, lastSeenAt: null, ...enrollment.columns, updatedAt: now })
      .where(eq(servers.id, id));
    await record(tx, ctx, {
      action: 'server.credential_reissued',
      target: { type: 'server', id },
      details: { name: server.name, credentialRevoked: server.agentCredentialHash !== null },
    });
    return { server: await findServer(tx, id, now), enrollmentToken: enrollment.token };
  });
}
