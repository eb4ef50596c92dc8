import { eq } from 'drizzle-orm';
import { digestSecret } from '../auth/secrets.js';
import type { Queryable } from '../db/database.js';
import { servers } from '../db/schema/servers.js';

/** The server an agent request acts for: everything it reaches is limited to this server's resources. */
export interface AgentServer {
  id: string;
  name: string;
}

/** The server whose agent holds this credential; null for anything else (a revoked one, a user's token). */
export async function serverOfCredential(db: Queryable, credential: string): Promise<AgentServer | null> {
  const [server] = await db
    .select({ id: servers.id, name: servers.name })
    .from(servers)
    .where(eq(servers.agentCredentialHash, digestSecret(credential)));
  return server ?? null;
}
