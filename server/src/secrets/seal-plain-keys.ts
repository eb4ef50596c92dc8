import { and, eq, isNotNull, like, not } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { dkimKeyOwner, sealDkimKey } from '../mail/dkim-key-seal.js';
import { mailDomains } from '../mail/mail-domains.table.js';
import { sealTlsKey } from '../websites/tls-key-seal.js';
import { websites } from '../websites/websites.table.js';

const notSealed = (column: typeof websites.tlsPrivateKey | typeof mailDomains.dkimPrivateKey) =>
  not(like(column, 'v1:%'));

/**
 * Seals the TLS and DKIM private keys a Keel before sealing kept in plain text. Runs at start,
 * before anything reads them, and again finds nothing to do; answers how many it sealed.
 */
export async function sealPlainKeys(db: Database, panelKey: Buffer): Promise<number> {
  const sites = await db
    .select({ id: websites.id, key: websites.tlsPrivateKey })
    .from(websites)
    .where(and(isNotNull(websites.tlsPrivateKey), notSealed(websites.tlsPrivateKey)));
  for (const site of sites) {
    if (site.key === null) continue;
    await db
      .update(websites)
      .set({ tlsPrivateKey: sealTlsKey(panelKey, site.id, site.key) })
      .where(and(eq(websites.id, site.id), eq(websites.tlsPrivateKey, site.key)));
  }
  const domains = await db
    .select({
      domain: mailDomains.domain,
      customerId: mailDomains.customerId,
      key: mailDomains.dkimPrivateKey,
    })
    .from(mailDomains)
    .where(notSealed(mailDomains.dkimPrivateKey));
  for (const row of domains) {
    await db
      .update(mailDomains)
      .set({ dkimPrivateKey: sealDkimKey(panelKey, dkimKeyOwner(row), row.key) })
      .where(and(eq(mailDomains.domain, row.domain), eq(mailDomains.dkimPrivateKey, row.key)));
  }
  return sites.length + domains.length;
}
