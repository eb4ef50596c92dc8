import { and, eq, isNull, lte } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { Problem } from '../errors/problem.js';
import { idempotencyAnswers } from './idempotency-answers.table.js';
import { abandonedClaimMinutes, idempotencyKeyDigest, idempotencyKeyHours } from './idempotency-key.js';
import { openBody } from './sealed-body.js';

export interface IdempotencyClaim {
  userId: string;
  key: string;
  requestDigest: string;
}

/** A first answer as it is replayed: status, the headers that matter, and the body as sent. */
export interface StoredAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

/** The row of the claim's user and key. */
export const claimedRow = (claim: IdempotencyClaim) =>
  and(
    eq(idempotencyAnswers.userId, claim.userId),
    eq(idempotencyAnswers.keyDigest, idempotencyKeyDigest(claim.key)),
  );

export type ClaimOutcome = { outcome: 'claimed' } | { outcome: 'replay'; answer: StoredAnswer };

const stillRunning = () =>
  new Problem(
    409,
    '/api/problems/idempotency-key-in-use',
    'Request still running',
    'A request with this Idempotency-Key is still being processed; retry when it has finished.',
  );

const keyReused = () =>
  new Problem(
    422,
    '/api/problems/idempotency-key-reused',
    'Idempotency-Key reused',
    'This Idempotency-Key was already used for another request (another path or body); use a new key.',
  );

/**
 * A claim still running long after any request ends was left by a process that died before it
 * answered: the retry takes it over (one retry only, the update deciding), instead of a 409 for a day.
 */
async function takeOverAbandoned(db: Database, claim: IdempotencyClaim, now: Date): Promise<boolean> {
  const abandonedBefore = new Date(now.getTime() - abandonedClaimMinutes * 60_000);
  const taken = await db
    .update(idempotencyAnswers)
    .set({ createdAt: now })
    .where(
      and(
        claimedRow(claim),
        isNull(idempotencyAnswers.status),
        lte(idempotencyAnswers.createdAt, abandonedBefore),
      ),
    )
    .returning({ userId: idempotencyAnswers.userId });
  return taken.length > 0;
}

/**
 * Takes the key for this request, or finds what happened under it before: the stored answer to
 * replay; 409 while the first request is still running; 422 when the key came with another request.
 * Expired answers are forgotten here, every user's at once (nothing else reads them).
 */
export async function claimIdempotencyKey(
  db: Database,
  claim: IdempotencyClaim,
  now: Date,
): Promise<ClaimOutcome> {
  await db.delete(idempotencyAnswers).where(lte(idempotencyAnswers.expiresAt, now));
  const expiresAt = new Date(now.getTime() + idempotencyKeyHours * 3_600_000);
  // The primary key settles a race between two first requests: only one insert takes the key.
  const taken = await db
    .insert(idempotencyAnswers)
    .values({
      userId: claim.userId,
      keyDigest: idempotencyKeyDigest(claim.key),
      requestDigest: claim.requestDigest,
      createdAt: now,
      expiresAt,
    })
    .onConflictDoNothing()
    .returning({ userId: idempotencyAnswers.userId });
  if (taken.length > 0) return { outcome: 'claimed' };
  const [earlier] = await db.select().from(idempotencyAnswers).where(claimedRow(claim));
  // Finished and forgotten between the insert and this read: it never existed for this request.
  if (!earlier) return claimIdempotencyKey(db, claim, now);
  if (earlier.requestDigest !== claim.requestDigest) throw keyReused();
  if (earlier.status === null) {
    if (await takeOverAbandoned(db, claim, now)) return { outcome: 'claimed' };
    throw stillRunning();
  }
  return {
    outcome: 'replay',
    answer: {
      status: earlier.status,
      headers: earlier.headers ?? {},
      body: earlier.sealedBody === null ? null : openBody(claim.userId, claim.key, earlier.sealedBody),
    },
  };
}
