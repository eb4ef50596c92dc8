import { and, eq, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../db/database.js';
import { loginThrottle } from './login-throttle.table.js';

/**
 * Login throttling per account and per client address. A few failures are free; after that each
 * further failure doubles the wait, capped, so an attacker slows guessing without locking the
 * real user out for long. The counts live in the database, so every Keel process on it throttles
 * the same guesses.
 */
export interface ThrottlePolicy {
  /** The count a key is kept under (the row's `throttle`). */
  name: string;
  freeFailures: number;
  windowMs: number;
  maxDelayMs: number;
}

const fifteenMinutes = 15 * 60_000;

/** One account guessed from one address: strict, up to 15 minutes. */
const accountFromAddress: ThrottlePolicy = {
  name: 'login-account-from-address',
  freeFailures: 5,
  windowMs: fifteenMinutes,
  maxDelayMs: fifteenMinutes,
};

/**
 * One account guessed from anywhere: more free failures and at most a minute's wait, so guessing
 * spread over many addresses stays slow while the real user, elsewhere, is never shut out long.
 */
const account: ThrottlePolicy = {
  name: 'login-account',
  freeFailures: 20,
  windowMs: fifteenMinutes,
  maxDelayMs: 60_000,
};

/** One address trying many accounts (password spraying). */
const address: ThrottlePolicy = {
  name: 'login-address',
  freeFailures: 20,
  windowMs: fifteenMinutes,
  maxDelayMs: fifteenMinutes,
};

/** What one attempt counts against, and what its success does to that count. */
export interface CountedKey {
  policy: ThrottlePolicy;
  key: string;
  /** `reset`: the count starts over; `refund`: only this attempt is taken back. */
  onSuccess: 'reset' | 'refund';
}

/**
 * One attempt, counted as a failure from the moment it is let through, so that attempts running
 * at the same time (in one process or several) see each other and cannot all slip under the
 * limit. A wrong guess needs nothing more: its failure stands. A right one, or none, settles it.
 */
export interface ThrottledAttempt {
  /** Milliseconds until this attempt may be tried (nothing counted); 0 when it is being tried. */
  waitMs: number;
  /** The guess was right (only for an attempt let through, as is `withdrawn`). */
  succeeded(): Promise<void>;
  /** The attempt guessed nothing after all (asked for a second factor, refused for another reason). */
  withdrawn(): Promise<void>;
}

interface Count {
  failures: number;
  lastFailureAt: Date | null;
  forgetAt: Date;
}

const waitOf = (policy: ThrottlePolicy, count: Count, now: Date): number => {
  if (!count.lastFailureAt || count.failures < policy.freeFailures) return 0;
  const delay = Math.min(policy.maxDelayMs, 1000 * 2 ** (count.failures - policy.freeFailures));
  return Math.max(0, count.lastFailureAt.getTime() + delay - now.getTime());
};

const rowOf = ({ policy, key }: CountedKey) =>
  and(eq(loginThrottle.throttle, policy.name), eq(loginThrottle.key, key));

const timestamp = (at: Date | null) => (at ? sql`${at.toISOString()}::timestamptz` : sql`null`);

/**
 * Takes this attempt back from one count: one failure less, and the last failure's time as it was
 * unless a later failure has moved it since.
 */
async function refund(db: Database, counted: CountedKey, before: Count, claimedAt: Date): Promise<void> {
  const stillOurs = sql`${loginThrottle.lastFailureAt} = ${timestamp(claimedAt)}`;
  await db
    .update(loginThrottle)
    .set({
      failures: sql`greatest(${loginThrottle.failures} - 1, 0)`,
      lastFailureAt: sql`case when ${stillOurs} then ${timestamp(before.lastFailureAt)} else ${loginThrottle.lastFailureAt} end`,
      forgetAt: sql`case when ${stillOurs} then ${timestamp(before.forgetAt)} else ${loginThrottle.forgetAt} end`,
    })
    .where(rowOf(counted));
}

/**
 * Forgets every count past its window. Rows an attempt holds locked are skipped, so this never
 * waits on an attempt that may be waiting on it.
 */
async function forgetExpired(db: Database, now: Date): Promise<void> {
  const expired = db
    .select({ throttle: loginThrottle.throttle, key: loginThrottle.key })
    .from(loginThrottle)
    .where(lt(loginThrottle.forgetAt, now))
    .for('update', { skipLocked: true });
  await db.delete(loginThrottle).where(sql`(${loginThrottle.throttle}, ${loginThrottle.key}) in ${expired}`);
}

/** Each key's count as it stands at `now` (nothing, when its row is missing or past its window). */
function countsOf(
  keys: CountedKey[],
  rows: (Count & { throttle: string; key: string })[],
  now: Date,
): Count[] {
  return keys.map(({ policy, key }) => {
    const row = rows.find((candidate) => candidate.throttle === policy.name && candidate.key === key);
    if (!row || row.forgetAt < now) return { failures: 0, lastFailureAt: null, forgetAt: now };
    return row;
  });
}

const longestWait = (keys: CountedKey[], counts: Count[], now: Date) =>
  Math.max(...keys.map(({ policy }, i) => waitOf(policy, counts[i] as Count, now)));

/**
 * Lets an attempt through when none of its counts makes it wait, counting it as failed in each.
 * Counts past their window are forgotten here, everyone's at once (nothing else reads them).
 */
export async function claimAttempt(
  db: Database,
  counted: CountedKey[],
  now: Date,
): Promise<ThrottledAttempt> {
  await forgetExpired(db, now);
  // The rows are locked in one order everywhere, so two attempts never wait on each other in a circle.
  const keys = [...counted].sort(
    (a, b) => a.policy.name.localeCompare(b.policy.name) || a.key.localeCompare(b.key),
  );
  // Under attack most attempts are refused: that answer is read, without writing or locking.
  const seen = await db
    .select()
    .from(loginThrottle)
    .where(or(...keys.map(rowOf)));
  const seenWait = longestWait(keys, countsOf(keys, seen, now), now);
  const claim = await (seenWait > 0
    ? { waitMs: seenWait, before: [] }
    : db.transaction(async (tx) => {
        // Upserting locks each row until the decision is written, the new ones included.
        const rows = await tx
          .insert(loginThrottle)
          .values(keys.map(({ policy, key }) => ({ throttle: policy.name, key, failures: 0, forgetAt: now })))
          .onConflictDoUpdate({
            target: [loginThrottle.throttle, loginThrottle.key],
            set: { failures: sql`${loginThrottle.failures}` },
          })
          .returning();
        const before = countsOf(keys, rows, now);
        const waitMs = longestWait(keys, before, now);
        if (waitMs > 0) return { waitMs, before };
        for (const [i, counted] of keys.entries()) {
          await tx
            .update(loginThrottle)
            .set({
              failures: (before[i] as Count).failures + 1,
              lastFailureAt: now,
              forgetAt: new Date(now.getTime() + counted.policy.windowMs),
            })
            .where(rowOf(counted));
        }
        return { waitMs: 0, before };
      }));
  const takeBack = async (succeeded: boolean) => {
    for (const [i, counted] of keys.entries()) {
      if (succeeded && counted.onSuccess === 'reset') {
        await db.delete(loginThrottle).where(rowOf(counted));
      } else {
        await refund(db, counted, claim.before[i] as Count, now);
      }
    }
  };
  return {
    waitMs: claim.waitMs,
    succeeded: () => takeBack(true),
    withdrawn: () => takeBack(false),
  };
}

/**
 * One login attempt for `email` from `address`. The account's counts start over on success; the
 * address's do not, or one owned account would reset a sprayer.
 */
export const claimLoginAttempt = (db: Database, email: string, from: string, now: Date) =>
  claimAttempt(
    db,
    [
      { policy: accountFromAddress, key: `${email} ${from}`, onSuccess: 'reset' },
      { policy: account, key: email, onSuccess: 'reset' },
      { policy: address, key: from, onSuccess: 'refund' },
    ],
    now,
  );

/** One guess of a signed-in user's own secret (its password, a code) under `policy`; success starts over. */
export const claimGuess = (db: Database, policy: ThrottlePolicy, userId: string, now: Date) =>
  claimAttempt(db, [{ policy, key: userId, onSuccess: 'reset' }], now);
