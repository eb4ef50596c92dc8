import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/database.js';
import { servers } from '../db/schema/servers.js';

/** The agent reported: the server is online until it misses a few heartbeats (server-status.ts). */
export async function recordHeartbeat(db: Queryable, serverId: string, agentVersion: string, now: Date) {
  await db.update(servers).set({ lastSeenAt: now, agentVersion }).where(eq(servers.id, serverId));
}
