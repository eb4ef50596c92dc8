import { sql } from 'drizzle-orm';
import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { timestampTz } from '../db/schema/columns.js';
import { customers } from '../db/schema/customers.js';

/**
 * A domain a customer receives or sends mail at, with the key its outgoing mail is DKIM-signed
 * with. The pair is made when the domain's first address is created and kept while the customer
 * owns the domain, so the published DKIM record stays valid when addresses come and go; the
 * private key is in the form OpenDKIM needs to sign (Keel writes it for OpenDKIM, readable by it
 * alone) and never leaves the server. It goes with the customer.
 */
export const mailDomains = pgTable(
  'mail_domains',
  {
    /** Lower-case, punycode: the domain part of the customer's addresses. */
    domain: text('domain').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    /** The DKIM selector: the record is published at `<selector>._domainkey.<domain>`. */
    dkimSelector: text('dkim_selector').notNull(),
    /** PKCS#8 PEM of an RSA 2048 key. */
    dkimPrivateKey: text('dkim_private_key').notNull(),
    /** The public key as the DKIM record's `p=` carries it: base64 of its DER SubjectPublicKeyInfo. */
    dkimPublicKey: text('dkim_public_key').notNull(),
    createdAt: timestampTz('created_at').notNull().defaultNow(),
  },
  (table) => [
    index('mail_domains_customer_id_idx').on(table.customerId),
    // Keys an older Keel kept in plain text: empty once sealed, so the check at every start is free.
    index('mail_domains_dkim_key_plain_idx')
      .on(table.domain)
      .where(sql`${table.dkimPrivateKey} not like 'v1:%'`),
  ],
);
