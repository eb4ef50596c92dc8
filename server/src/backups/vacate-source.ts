import { getTableName, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { selectRows } from '../db/raw.js';
import type { HostedKind } from '../provisioning/reconciled-kind.js';
import type { VacateList } from './backup-job-store.js';

/**
 * What a server the customer left must take down: every resource of the customer, as its kind's
 * driver takes it when the panel wants it gone (state `absent`), whatever the server it lives on
 * now has applied. Kinds every server of a role serves (DNS zones) stay: they never followed the
 * customer.
 */
export async function vacateList(
  db: Database,
  kinds: readonly HostedKind[],
  customerId: string,
  panelKey: Buffer,
): Promise<VacateList> {
  const list: VacateList = [];
  for (const kind of kinds.filter((entry) => !entry.servedBy)) {
    const rows = await selectRows<{ id: string; generation: number }>(
      db,
      sql`select id, desired_generation as "generation" from ${sql.identifier(getTableName(kind.table))}
        where customer_id = ${customerId}`,
    );
    if (rows.length === 0) continue;
    const claims = rows.map((row) => ({
      id: row.id,
      customerId,
      generation: Number(row.generation),
      state: 'absent' as const,
    }));
    list.push({ noun: kind.noun, desired: await kind.desired(db, claims, panelKey) });
  }
  return list;
}
