import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { selectRows } from '../db/raw.js';
import { dkimKeyOwner, sealDkimKey } from '../mail/dkim-key-seal.js';
import { mailDomains } from '../mail/mail-domains.table.js';
import { sealTlsKey } from '../websites/tls-key-seal.js';
import { websites } from '../websites/websites.table.js';

interface PlainKey {
  kind: 'tls' | 'dkim';
  /** The website's id, or the mail domain. */
  id: string;
  customerId: string;
  key: string;
}

// Each round's worth: sealing is a few microseconds a key, the rows' updates are what it costs.
const ROUND = 500;

/**
 * Keys not sealed yet, through the partial indexes of them (websites_tls_key_plain_idx,
 * mail_domains_dkim_key_plain_idx): their conditions stand here exactly as in the index, so the
 * planner takes them, and once everything is sealed the indexes are empty and this costs next
 * to nothing however many sites and domains there are.
 */
const plainKeys = (db: Database) =>
  selectRows<PlainKey>(
    db,
    sql`(select 'tls' as "kind", id::text as "id", customer_id::text as "customerId", tls_private_key as "key"
        from websites where tls_private_key not like 'v1:%' limit ${ROUND})
      union all
      (select 'dkim', domain, customer_id::text, dkim_private_key
        from mail_domains where dkim_private_key not like 'v1:%' limit ${ROUND})`,
  );

/**
 * Seals the TLS and DKIM private keys a Keel before sealing kept in plain text. Runs at every
 * start, before anything reads them, and then finds nothing to do in one query; answers how
 * many it sealed.
 */
export async function sealPlainKeys(db: Database, panelKey: Buffer): Promise<number> {
  let sealed = 0;
  for (;;) {
    const plain = await plainKeys(db);
    if (plain.length === 0) return sealed;
    for (const { kind, id, customerId, key } of plain) {
      // Only if still that key: another panel starting at once may have sealed it already.
      if (kind === 'tls') {
        await db
          .update(websites)
          .set({ tlsPrivateKey: sealTlsKey(panelKey, id, key) })
          .where(and(eq(websites.id, id), eq(websites.tlsPrivateKey, key)));
      } else {
        await db
          .update(mailDomains)
          .set({ dkimPrivateKey: sealDkimKey(panelKey, dkimKeyOwner({ customerId, domain: id }), key) })
          .where(and(eq(mailDomains.domain, id), eq(mailDomains.dkimPrivateKey, key)));
      }
    }
    sealed += plain.length;
  }
}
