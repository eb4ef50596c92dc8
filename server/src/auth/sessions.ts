import { and, eq, ne, sql } from 'drizzle-orm';
import type { Origin } from '../access/actor.js';
import type { Queryable } from '../db/database.js';
import { apiTokens, loginLinks, sessions } from '../db/schema/sessions.js';
import type { SecuritySettings } from '../settings/settings.schemas.js';
import { digestSecret, newSecret } from './secrets.js';

export type SessionRow = typeof sessions.$inferSelect;

/** A new session with a fresh token; the token is returned once, for the cookie. */
export async function startSession(
  db: Queryable,
  input: { userId: string; origin: Origin; now: Date; security: SecuritySettings },
): Promise<{ token: string; session: SessionRow }> {
  const token = newSecret();
  const [session] = await db
    .insert(sessions)
    .values({
      tokenHash: digestSecret(token),
      userId: input.userId,
      csrfToken: newSecret(),
      createdAt: input.now,
      lastSeenAt: input.now,
      expiresAt: new Date(input.now.getTime() + input.security.sessionMaxHours * 3_600_000),
      ip: input.origin.ip,
      userAgent: input.origin.userAgent?.slice(0, 512) ?? null,
    })
    .returning();
  if (!session) throw new Error('session insert returned nothing');
  return { token, session };
}

/**
 * Replaces a session by one with a new token and CSRF token, keeping its expiry: used when
 * impersonation starts or stops, so a token seen before cannot ride the new identity.
 */
export async function rotateSession(
  db: Queryable,
  sessionId: string,
  change: Pick<SessionRow, 'actingUserId' | 'impersonationStartedAt' | 'impersonationReason'>,
  now: Date,
): Promise<{ token: string; session: SessionRow }> {
  const token = newSecret();
  const [session] = await db
    .update(sessions)
    .set({ ...change, tokenHash: digestSecret(token), csrfToken: newSecret(), lastSeenAt: now })
    .where(eq(sessions.id, sessionId))
    .returning();
  if (!session) throw new Error('session to rotate is gone');
  return { token, session };
}

export async function endSession(db: Queryable, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session a user signed in with, except optionally the one making the change. */
export async function endSessionsOfUser(db: Queryable, userId: string, exceptSessionId?: string | null) {
  const mine = eq(sessions.userId, userId);
  await db.delete(sessions).where(exceptSessionId ? and(mine, ne(sessions.id, exceptSessionId)) : mine);
}

/**
 * Suspension, deletion and purge: the users' own sessions, API tokens and unused login links stop
 * working at once.
 */
export async function revokeAccess(db: Queryable, ...userIds: string[]): Promise<void> {
  if (userIds.length === 0) return;
  // One statement, not three per user: a bulk suspension revokes the access of a thousand customers.
  const users = sql`(${sql.join(
    userIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
  await db.execute(sql`
    with ended_sessions as (delete from ${sessions} where ${sessions.userId} in ${users}),
      ended_tokens as (delete from ${apiTokens} where ${apiTokens.userId} in ${users})
    delete from ${loginLinks} where ${loginLinks.userId} in ${users}`);
}

/** Sessions of anyone impersonating this user go back to their real users' own identity. */
export async function endImpersonationsOf(db: Queryable, userId: string): Promise<void> {
  await db
    .update(sessions)
    .set({ actingUserId: null, impersonationStartedAt: null, impersonationReason: null })
    .where(eq(sessions.actingUserId, userId));
}
