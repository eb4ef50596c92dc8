import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { idsOf, withClaimedState } from '../provisioning/claimed-rows.js';
import type { Claim } from '../provisioning/claims.js';
import type { MailAliasDesired, MailboxDesired } from '../provisioning/drivers/mail/mail-desired.js';
import type { ExpectedItems } from '../provisioning/reconciled-kind.js';
import { customerOnServer, type ServerRef } from '../provisioning/server-ref.js';
import { dkimKeyOwner, openDkimKey } from './dkim-key-seal.js';
import { mailAliases } from './mail-aliases.table.js';
import { mailDomains } from './mail-domains.table.js';
import { mailboxes } from './mailboxes.table.js';

/** The DKIM key of an address's domain, when its customer has one for it. */
const domainKeyOf = (table: typeof mailboxes | typeof mailAliases) =>
  and(
    eq(mailDomains.domain, sql`split_part(${table.address}, '@', 2)`),
    eq(mailDomains.customerId, table.customerId),
  );
const dkimColumns = {
  selector: mailDomains.dkimSelector,
  privateKey: mailDomains.dkimPrivateKey,
  domain: mailDomains.domain,
  domainCustomerId: mailDomains.customerId,
};
type DkimColumns = {
  selector: string | null;
  privateKey: string | null;
  domain: string | null;
  domainCustomerId: string | null;
};
const withDkim = <Row extends DkimColumns>(rows: Row[], panelKey: Buffer) =>
  rows.map(({ selector, privateKey, domain, domainCustomerId, ...row }) => ({
    ...row,
    dkim:
      selector !== null && privateKey !== null && domain !== null && domainCustomerId !== null
        ? {
            selector,
            privateKey: openDkimKey(
              panelKey,
              dkimKeyOwner({ customerId: domainCustomerId, domain }),
              privateKey,
            ),
          }
        : null,
  }));

/** What Postfix and Dovecot need of each claimed mailbox: its address, hash, quota and switch. */
export async function desiredMailboxes(
  db: Database,
  claims: Claim[],
  panelKey: Buffer,
): Promise<MailboxDesired[]> {
  const rows = await db
    .select({
      id: mailboxes.id,
      address: mailboxes.address,
      passwordHash: mailboxes.passwordHash,
      quotaMb: mailboxes.quotaMb,
      enabled: mailboxes.enabled,
      ...dkimColumns,
    })
    .from(mailboxes)
    .leftJoin(mailDomains, domainKeyOf(mailboxes))
    .where(inArray(mailboxes.id, idsOf(claims)));
  return withClaimedState(claims, withDkim(rows, panelKey));
}

/** What Postfix needs of each claimed alias: its address, where it forwards, and its switch. */
export async function desiredMailAliases(
  db: Database,
  claims: Claim[],
  panelKey: Buffer,
): Promise<MailAliasDesired[]> {
  const rows = await db
    .select({
      id: mailAliases.id,
      address: mailAliases.address,
      destinations: mailAliases.destinations,
      enabled: mailAliases.enabled,
      ...dkimColumns,
    })
    .from(mailAliases)
    .leftJoin(mailDomains, domainKeyOf(mailAliases))
    .where(inArray(mailAliases.id, idsOf(claims)));
  return withClaimedState(claims, withDkim(rows, panelKey));
}

const isApplied = (state: string | null) => state !== null && state !== 'absent';

/** Every applied mailbox is on the mail service with its store; any other store is an orphan. */
export async function expectedMailboxes(
  db: Database,
  server: ServerRef,
): Promise<Record<string, ExpectedItems>> {
  const rows = await db
    .select({ id: mailboxes.id, appliedState: mailboxes.appliedState })
    .from(mailboxes)
    .where(customerOnServer(server, sql`${mailboxes.customerId}`));
  const known = new Set(rows.map((row) => row.id));
  const applied = new Set(rows.filter((row) => isApplied(row.appliedState)).map((row) => row.id));
  // A store appears at the first delivery or login, so only one Keel knows nothing of is a finding.
  return { 'mail-mailbox': { known, applied }, 'mail-store': { known, applied: new Set() } };
}

export async function expectedMailAliases(
  db: Database,
  server: ServerRef,
): Promise<Record<string, ExpectedItems>> {
  const rows = await db
    .select({ id: mailAliases.id, appliedState: mailAliases.appliedState })
    .from(mailAliases)
    .where(customerOnServer(server, sql`${mailAliases.customerId}`));
  return {
    'mail-alias': {
      known: new Set(rows.map((row) => row.id)),
      applied: new Set(rows.filter((row) => isApplied(row.appliedState)).map((row) => row.id)),
    },
  };
}
