import { eq } from 'drizzle-orm';
import type { Transaction } from '../db/database.js';
import { servers } from '../db/schema/servers.js';
import { notFound } from '../errors/problem.js';

/** The server row, locked for the change the caller makes in this transaction; 404 when there is none. */
export async function lockServer(tx: Transaction, id: string) {
  const [server] = await tx.select().from(servers).where(eq(servers.id, id)).for('update');
  if (!server) throw notFound('Server');
  return server;
}
