import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/database.js';
import { selectRows } from '../db/raw.js';
import { conflict, unprocessable } from '../errors/problem.js';

/**
 * Refuses an address whose domain is not the customer's: the domain of one of its websites or DNS
 * zones, or a name under one of its zones. The most specific match decides (a website's own
 * domain, then the nearest zone), so another customer's website inside one's zone stays theirs.
 * Another customer's domain is 409; a domain nobody hosts here is 422.
 */
export async function assertCustomersMailDomain(db: Queryable, customerId: string, domain: string) {
  const labels = domain.split('.');
  const names = labels.slice(0, -1).map((_, index) => labels.slice(index).join('.'));
  const [owner] = await selectRows<{ customerId: string }>(
    db,
    sql`select customer_id as "customerId" from (
        select customer_id, length(domain) + 1 as specificity from websites where domain = ${domain}
        union all
        select customer_id, length(domain) from dns_zones
          where domain in (${sql.join(
            names.map((name) => sql`${name}`),
            sql`, `,
          )})
      ) owners order by specificity desc limit 1`,
  );
  if (owner?.customerId === customerId) return;
  if (owner) throw conflict(`The domain ${domain} belongs to another customer.`, 'domain-taken');
  throw unprocessable(
    `The domain ${domain} is not one of this customer's websites or DNS zones.`,
    [{ field: 'address', message: 'Add a website or a DNS zone for this domain first.' }],
    'unknown-mail-domain',
  );
}

/**
 * Refuses an address already used by a mailbox or an alias. The caller holds the address lock
 * (lockMailAddresses), so a mailbox and an alias of one address cannot both pass.
 */
export async function assertMailAddressFree(db: Queryable, address: string) {
  const [taken] = await selectRows<{ address: string }>(
    db,
    sql`select address from mailboxes where address = ${address}
      union all select address from mail_aliases where address = ${address} limit 1`,
  );
  if (taken) throw conflict(`The address ${address} is already in use.`, 'address-taken');
}

/** Serializes new addresses across both tables: a few a minute, so one lock is cheap. */
export async function lockMailAddresses(db: Queryable) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('keel.mail_addresses'))`);
}
