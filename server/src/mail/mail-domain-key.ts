import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/database.js';
import { dkimKeyOwner, sealDkimKey } from './dkim-key-seal.js';
import { mailDomains } from './mail-domains.table.js';

const newKeyPair = promisify(generateKeyPair);

/** The selector of every key Keel makes: the record lives at `keel._domainkey.<domain>`. */
export const DKIM_SELECTOR = 'keel';

export type MailDomainRow = typeof mailDomains.$inferSelect;

/** A new key pair, its private half sealed for the row it goes into. */
async function dkimKeyPair(panelKey: Buffer, owner: string) {
  const { privateKey, publicKey } = await newKeyPair('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'der' },
  });
  return {
    dkimPrivateKey: sealDkimKey(panelKey, owner, privateKey),
    dkimPublicKey: publicKey.toString('base64'),
  };
}

/**
 * The customer's mail domain with its DKIM key, made at the domain's first address. A row left
 * by another customer (the domain has changed hands since: the caller checked it is this
 * customer's now) is replaced, so no key of a former owner signs the new owner's mail. The caller
 * holds the address lock (lockMailAddresses), so two first addresses cannot both make one.
 */
export async function ensureMailDomain(
  tx: Queryable,
  customerId: string,
  domain: string,
  now: Date,
  panelKey: Buffer,
): Promise<{ row: MailDomainRow; created: boolean }> {
  const [existing] = await tx.select().from(mailDomains).where(eq(mailDomains.domain, domain));
  if (existing?.customerId === customerId) return { row: existing, created: false };
  if (existing) await tx.delete(mailDomains).where(eq(mailDomains.domain, domain));
  const [row] = await tx
    .insert(mailDomains)
    .values({
      domain,
      customerId,
      dkimSelector: DKIM_SELECTOR,
      ...(await dkimKeyPair(panelKey, dkimKeyOwner({ customerId, domain }))),
      createdAt: now,
    })
    .returning();
  return { row: row as MailDomainRow, created: true };
}
