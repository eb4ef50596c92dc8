import { sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { selectRows } from '../db/raw.js';
import { customerOnServer, type ServerRef } from '../provisioning/server-ref.js';

export interface ServedChallenge {
  token: string;
  keyAuthorization: string;
  placed: boolean;
}

// The sites whose customer lives on the server now: a customer moved meanwhile is answered there.
const onServer = (server: ServerRef) =>
  sql`website_id in (select w.id from websites w where ${customerOnServer(server, sql`w.customer_id`)})`;

/** The HTTP-01 answers the server's nginx should serve now: its own sites' only. */
export function challengesFor(db: Database, server: ServerRef): Promise<ServedChallenge[]> {
  return selectRows<ServedChallenge>(
    db,
    sql`select token, key_authorization as "keyAuthorization", placed_at is not null as "placed"
        from acme_challenges where ${onServer(server)} order by token`,
  );
}

/** Records that the server's nginx serves the answer; false when it is no answer of that server's. */
export async function markChallengePlaced(
  db: Database,
  server: ServerRef,
  token: string,
  now: Date,
): Promise<boolean> {
  const rows = await selectRows<{ token: string }>(
    db,
    sql`update acme_challenges set placed_at = coalesce(placed_at, ${now})
        where token = ${token} and ${onServer(server)} returning token`,
  );
  return rows.length > 0;
}
