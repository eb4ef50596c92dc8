import { and, eq, gt } from 'drizzle-orm';
import type { Origin } from '../access/actor.js';
import { systemActor } from '../access/actor.js';
import { record } from '../audit/record.js';
import { digestSecret, newSecret } from '../auth/secrets.js';
import type { Database } from '../db/database.js';
import { servers } from '../db/schema/servers.js';
import { unauthenticated } from '../errors/problem.js';

/**
 * Exchanges a server's one-time enrollment token for the agent's long-lived credential, answered
 * this once (only its digest is kept). The token is spent in the same statement that checks it,
 * so two agents racing with one token get one credential between them.
 * @throws 401 for a token that is unknown, spent or expired.
 */
export async function enrollAgent(db: Database, token: string, origin: Origin, now: Date) {
  const credential = newSecret();
  return db.transaction(async (tx) => {
    const [server] = await tx
      .update(servers)
      .set({
        agentCredentialHash: digestSecret(credential),
        enrollmentTokenHash: null,
        enrollmentExpiresAt: null,
        updatedAt: now,
      })
      .where(and(eq(servers.enrollmentTokenHash, digestSecret(token)), gt(servers.enrollmentExpiresAt, now)))
      .returning({ id: servers.id, name: servers.name });
    if (!server) throw unauthenticated('The enrollment token is unknown, already used or expired.');
    await record(
      tx,
      { actor: systemActor, origin },
      {
        action: 'server.enrolled',
        target: { type: 'server', id: server.id },
        details: { name: server.name },
      },
    );
    return { server, credential };
  });
}
