import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import type { MailboxDriver } from '../provisioning/drivers/mail/mail-service.js';
import { customerOnServer, type ServerRef } from '../provisioning/server-ref.js';

/** Each mailbox's Maildir size on disk now, as [id, bytes] pairs: plain JSON, for an agent to send. */
export async function measureMailboxUsage(driver: MailboxDriver): Promise<[string, number][]> {
  return [...(await driver.usage())];
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The pairs as measureMailboxUsage makes them; anything else an agent sent is dropped. */
function usagePairs(measured: unknown): [string, number][] {
  if (!Array.isArray(measured)) return [];
  return measured.filter(
    (pair): pair is [string, number] =>
      Array.isArray(pair) &&
      typeof pair[0] === 'string' &&
      uuid.test(pair[0]) &&
      Number.isSafeInteger(pair[1]) &&
      pair[1] >= 0,
  );
}

/**
 * Records the measured sizes of the server's mailboxes, writing only those that changed; a
 * mailbox of another server is left alone whatever was sent.
 */
export async function recordMailboxUsage(db: Database, server: ServerRef, measured: unknown): Promise<void> {
  const usage = usagePairs(measured);
  if (usage.length === 0) return;
  const rows = sql.join(
    usage.map(([id, bytes]) => sql`(${id}::uuid, ${bytes}::bigint)`),
    sql`, `,
  );
  await db.execute(sql`update mailboxes set used_bytes = measured.bytes
    from (values ${rows}) as measured(id, bytes)
    where mailboxes.id = measured.id and mailboxes.used_bytes <> measured.bytes
      and ${customerOnServer(server, sql`mailboxes.customer_id`)}`);
}
