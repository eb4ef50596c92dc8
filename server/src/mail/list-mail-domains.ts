import { and, count, eq, exists, or, sql } from 'drizzle-orm';
import { visibleCustomer } from '../access/visible-customer.js';
import type { Context } from '../context.js';
import { cursorKeyColumn, finishPage, listOrder, orderByKeys, pageWindow } from '../contract/list-cursor.js';
import { mailAliases } from './mail-aliases.table.js';
import type { MailDomain, MailDomainsQuery } from './mail-domains.schemas.js';
import { mailDomains } from './mail-domains.table.js';
import { customersZoneFor, mailRecords } from './mail-records.js';
import { mailboxes } from './mailboxes.table.js';

const hasAddressAt = (table: typeof mailboxes | typeof mailAliases) =>
  exists(
    sql`(select 1 from ${table} where ${table.customerId} = ${mailDomains.customerId}
      and ${table.removedAt} is null and split_part(${table.address}, '@', 2) = ${mailDomains.domain})`,
  );

/**
 * The domains the customer has mail at (a mailbox or an alias), each with the DNS records mail
 * there needs and the customer's zone on Keel they were added to, if Keel serves it.
 */
export async function listMailDomains(
  ctx: Context,
  customerId: string,
  query: MailDomainsQuery,
  mailHost: string,
) {
  const customer = await visibleCustomer(ctx.db, ctx.actor, customerId);
  const where = and(
    eq(mailDomains.customerId, customer.id),
    or(hasAddressAt(mailboxes), hasAddressAt(mailAliases)),
  );
  const order = listOrder(undefined, 'domain', { domain: [] }, mailDomains.domain);
  const window = pageWindow(order, query);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ row: mailDomains, cursorKey: cursorKeyColumn(order) })
      .from(mailDomains)
      .where(and(where, window.after))
      .orderBy(...orderByKeys(order))
      .limit(window.limit)
      .offset(window.offset),
    ctx.db.select({ value: count() }).from(mailDomains).where(where),
  ]);
  const page = finishPage(order, rows, query);
  const items = await Promise.all(
    page.rows.map(async ({ row }) => {
      const zone = await customersZoneFor(ctx.db, customer.id, row.domain);
      return {
        domain: row.domain,
        dnsZone: zone ? { id: zone.id, domain: zone.domain } : null,
        records: mailRecords(row, mailHost).map(({ purpose: _, ...record }) => record),
      } as MailDomain;
    }),
  );
  return { items, total: total?.value ?? 0, ...page.paging };
}
