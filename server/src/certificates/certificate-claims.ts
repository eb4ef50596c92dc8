import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { selectRows } from '../db/raw.js';
import { desiredChange, notifyReconcilers } from '../hosting/resource-changes.js';
import { offlineAfterMs } from '../servers/server-status.js';
import { sealTlsKey } from '../websites/tls-key-seal.js';
import { websites } from '../websites/websites.table.js';
import type { IssuedCertificate } from './order-certificate.js';
import { renewalAt, retryDelayMs } from './renewal.js';

/** A site whose certificate is due, held by one ACME worker for the lease. */
export interface DueCertificate {
  id: string;
  domain: string;
  attempts: number;
  /** The server whose nginx answers the CA: the customer's. */
  server: { name: string; local: boolean };
}

const HOUR_MS = 60 * 60 * 1000;

// An order takes seconds; the lease only has to outlast a slow CA.
export const LEASE_MS = 10 * 60 * 1000;

/**
 * Sites whose order can run when it is due, from `websites w`, `customers c` and `servers s`. Only
 * sites nginx serves (live or suspended: a suspended site keeps renewing) answer the CA's HTTP-01
 * check; a soft-deleted customer's are left to expire. A site on a server whose agent is offline
 * waits for it: no agent would put the answer in place, and each order would hold the worker.
 */
const orderable = (now: Date) => sql`
  w.tls_source = 'acme' and w.removed_at is null and w.applied_state in ('live', 'suspended')
  and c.status <> 'deleted'
  and (s.local or s.last_seen_at >= ${new Date(now.getTime() - offlineAfterMs)})`;

const siteServer = sql`websites w join customers c on c.id = w.customer_id join servers s on s.id = c.server_id`;

/** Takes up to `limit` sites whose ACME order is due (first issue, renewal, retry). */
export function claimDueCertificates(db: Database, now: Date, limit: number): Promise<DueCertificate[]> {
  return db.transaction(async (tx) => {
    const due = await selectRows<Omit<DueCertificate, 'server'> & { serverName: string; local: boolean }>(
      tx,
      sql`
      select w.id, w.domain, w.tls_attempts as "attempts", s.name as "serverName", s.local
      from ${siteServer}
      where ${orderable(now)} and w.tls_retry_at <= ${now}
        and (w.tls_claimed_until is null or w.tls_claimed_until < ${now})
      order by w.tls_retry_at, w.id
      limit ${limit}
      for update of w skip locked`,
    );
    for (const site of due) {
      await tx
        .update(websites)
        .set({ tlsClaimedUntil: new Date(now.getTime() + LEASE_MS) })
        .where(eq(websites.id, site.id));
    }
    return due.map(({ serverName, local, ...site }) => ({
      ...site,
      attempts: Number(site.attempts),
      server: { name: serverName, local },
    }));
  });
}

/**
 * When the next order can be claimed, for the worker's timer; null when none is waiting. Only
 * orderable sites, and not before another worker's lease ends: a due site none may take yet must
 * not set a timer that fires at once, again and again. The periodic look finds the rest (a server
 * back online).
 */
export async function nextDueAt(db: Database, now: Date): Promise<Date | null> {
  const [row] = await selectRows<{ at: Date | string | null }>(
    db,
    sql`select min(greatest(w.tls_retry_at, w.tls_claimed_until)) as "at"
        from ${siteServer} where ${orderable(now)}`,
  );
  return row?.at ? new Date(row.at) : null;
}

/**
 * Keeps the new certificate and hands it to nginx (a new generation), unless the site stopped
 * wanting one from the CA meanwhile. Renewal is due 30 days before it expires.
 */
export async function recordIssued(
  db: Database,
  id: string,
  issued: IssuedCertificate,
  now: Date,
  panelKey: Buffer,
) {
  await db.transaction(async (tx) => {
    await tx
      .update(websites)
      .set({
        tlsState: 'issued',
        tlsIssuer: issued.issuer,
        tlsExpiresAt: issued.expiresAt,
        tlsError: null,
        tlsCertificate: issued.certificate,
        tlsPrivateKey: sealTlsKey(panelKey, id, issued.privateKey),
        tlsAttempts: 0,
        // Never again within the hour, whatever the dates say: a clock that disagrees with the
        // CA's must not make Keel order the same certificate over and over.
        tlsRetryAt: new Date(
          Math.max(renewalAt(issued.notBefore, issued.expiresAt).getTime(), now.getTime() + HOUR_MS),
        ),
        tlsClaimedUntil: null,
        ...desiredChange(now),
      })
      .where(and(eq(websites.id, id), eq(websites.tlsSource, 'acme')));
    await notifyReconcilers(tx);
  });
}

/**
 * Shows the CA's message on the site and waits longer after each failure in a row; a certificate
 * already issued stays served meanwhile.
 */
export async function recordFailed(db: Database, site: DueCertificate, error: string, now: Date) {
  const attempts = site.attempts + 1;
  await db
    .update(websites)
    .set({
      tlsState: 'error',
      tlsError: error,
      tlsAttempts: attempts,
      tlsRetryAt: new Date(now.getTime() + retryDelayMs(attempts)),
      tlsClaimedUntil: null,
    })
    .where(and(eq(websites.id, site.id), eq(websites.tlsSource, 'acme')));
}
