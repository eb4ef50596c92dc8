import { and, isNull } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { claimedRow, type IdempotencyClaim, type StoredAnswer } from './claim-idempotency-key.js';
import { idempotencyAnswers } from './idempotency-answers.table.js';
import { sealBody } from './sealed-body.js';

/** The claim's row while its request still runs: a finished answer is never overwritten. */
const claimed = (claim: IdempotencyClaim) => and(claimedRow(claim), isNull(idempotencyAnswers.status));

/** Keeps the first answer under the claimed key, for repeats to get it instead of running again. */
export async function storeIdempotentAnswer(db: Database, claim: IdempotencyClaim, answer: StoredAnswer) {
  await db
    .update(idempotencyAnswers)
    .set({
      status: answer.status,
      headers: answer.headers,
      sealedBody: answer.body === null ? null : sealBody(claim.userId, claim.key, answer.body),
    })
    .where(claimed(claim));
}

/** Gives the key back when the request ended without an answer worth replaying (a server error). */
export async function releaseIdempotencyKey(db: Database, claim: IdempotencyClaim) {
  await db.delete(idempotencyAnswers).where(claimed(claim));
}
