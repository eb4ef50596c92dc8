import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import type { MailboxDriver } from '../provisioning/drivers/mail/mail-service.js';

/** Records each mailbox's Maildir size as measured on disk now, writing only those that changed. */
export async function recordMailboxUsage(db: Database, driver: MailboxDriver): Promise<void> {
  const usage = await driver.usage();
  if (usage.size === 0) return;
  const measured = sql.join(
    [...usage].map(([id, bytes]) => sql`(${id}::uuid, ${bytes}::bigint)`),
    sql`, `,
  );
  await db.execute(sql`update mailboxes set used_bytes = measured.bytes
    from (values ${measured}) as measured(id, bytes)
    where mailboxes.id = measured.id and mailboxes.used_bytes <> measured.bytes`);
}
