import { setTimeout as sleep } from 'node:timers/promises';
import { eq, lt } from 'drizzle-orm';
import type { Signals } from '../context.js';
import type { Database, Transaction } from '../db/database.js';
import { notifyReconcilers } from '../hosting/resource-changes.js';
import { acmeChallenges } from './acme-challenges.table.js';
import { assertChallengeToken, type ChallengeAnswers } from './challenge-answers.js';

export interface RelayOptions {
  db: Database;
  signals: Signals;
  websiteId: string;
  /** The site's server, named in the error when its agent does not answer. */
  serverName: string;
  now: () => Date;
  /** How long an order waits for the agent to serve an answer. */
  placedWithinMs?: number;
}

const LOOK_EVERY_MS = 200;

/** Tells the agents at once (their long poll), here and, on PostgreSQL, through every panel. */
async function changed(db: Database, signals: Signals, change: (tx: Transaction) => Promise<unknown>) {
  await db.transaction(async (tx) => {
    await change(tx);
    await notifyReconcilers(tx);
  });
  signals.emit('resourcesChanged');
}

/**
 * The answers for a site on a server an agent runs: kept in the database while the order runs,
 * where that agent reads its server's (agent/challenge-sync.ts) and writes them for its own nginx.
 * `put` resolves once the agent reports the answer in place, so the CA asks only then; an agent
 * that does not (offline, its nginx not started) fails the order with a message that says so.
 */
export function relayedChallenges(options: RelayOptions): ChallengeAnswers {
  const { db, signals } = options;
  const within = options.placedWithinMs ?? 30_000;
  return {
    async put(token, keyAuthorization) {
      assertChallengeToken(token);
      await changed(db, signals, (tx) =>
        tx
          .insert(acmeChallenges)
          .values({ token, websiteId: options.websiteId, keyAuthorization, createdAt: options.now() })
          .onConflictDoNothing(),
      );
      const deadline = Date.now() + within;
      for (;;) {
        const [row] = await db
          .select({ placedAt: acmeChallenges.placedAt })
          .from(acmeChallenges)
          .where(eq(acmeChallenges.token, token));
        if (row?.placedAt) return;
        if (Date.now() >= deadline)
          throw new Error(
            `The agent of server "${options.serverName}" did not put the HTTP-01 answer in place within ${Math.round(within / 1000)} seconds: is it online?`,
          );
        await sleep(LOOK_EVERY_MS);
      }
    },
    remove: (token) =>
      changed(db, signals, (tx) => tx.delete(acmeChallenges).where(eq(acmeChallenges.token, token))),
  };
}

/**
 * Drops the answers of orders that ended without taking them back (the panel stopped mid-order):
 * older than an order's lease, no order still waits for them.
 */
export async function dropStaleChallenges(db: Database, signals: Signals, before: Date): Promise<void> {
  const stale = await db
    .select({ token: acmeChallenges.token })
    .from(acmeChallenges)
    .where(lt(acmeChallenges.createdAt, before))
    .limit(1);
  if (stale.length === 0) return;
  await changed(db, signals, (tx) => tx.delete(acmeChallenges).where(lt(acmeChallenges.createdAt, before)));
}
