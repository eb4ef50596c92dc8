import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/database.js';
import { selectRows } from '../db/raw.js';
import { conflict } from '../errors/problem.js';

/**
 * Refuses a zone that would sit inside another customer's zone, or hold one: the server answers
 * for the most specific zone, so `shop.example.com` would take over names of `example.com`'s
 * owner. The caller holds the zone lock (see lockZoneNames), so two such zones cannot both pass.
 */
export async function assertNoOtherOwnersZone(db: Queryable, customerId: string, domain: string) {
  const labels = domain.split('.');
  const parents = labels.slice(1, -1).map((_, index) => labels.slice(index + 1).join('.'));
  const [other] = await selectRows<{ domain: string }>(
    db,
    sql`select domain from dns_zones
      where customer_id <> ${customerId}
        and (domain in (${sql.join(
          [domain, ...parents].map((name) => sql`${name}`),
          sql`, `,
        )})
          or reverse(domain) like ${`${[...`.${domain}`].reverse().join('')}%`})
      limit 1`,
  );
  if (other) {
    throw conflict(
      other.domain === domain
        ? `The zone ${domain} is already hosted here.`
        : `The zone ${domain} overlaps the zone ${other.domain} of another customer.`,
      'zone-taken',
    );
  }
}

/** Serializes the creation of zones for the overlap rule: a few a minute, so one lock is cheap. */
export async function lockZoneNames(db: Queryable) {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext('keel.dns_zones'))`);
}
